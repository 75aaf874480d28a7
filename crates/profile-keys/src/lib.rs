//! `#[derive(ProfileKeys)]`: a profile key is declared once, as a field of
//! oauthctl's `ProviderOptions` with its doc comment (the help), its clap
//! and serde attributes (flag, env, TOML name) and a `#[key(...)]` saying
//! what else it is. Everything that used to repeat the field is derived:
//!
//! - the merge (`Combine`: flag over environment over profile);
//! - the lists: `names_a_provider`, `AD_HOC_KEYS`, `paths_mut` (relative to
//!   the config file), `credential_files` (must exist), `urls` (checked);
//! - the command flag groups: a key that only some commands take as a flag
//!   (`--min-ttl`, `--redirect-uri`, …) is `#[arg(skip)]` in the options
//!   and listed in groups (`flags(RenewFlags)`), each a generated
//!   `clap::Args` struct that those commands flatten and that turns back
//!   into `ProviderOptions` (`From`), so it merges by the same code.
//!
//! `#[key(...)]` takes:
//! - `provider`: naming it says which provider to talk to (and makes a
//!   command line ad hoc);
//! - `ad_hoc`: on the command line, it makes the command ad hoc;
//! - `path`: a file, relative to the config file there; `must_exist` too:
//!   a profile naming it is refused when it is missing;
//! - `url`: an endpoint URL, checked before it is written;
//! - `flags(Group, …)` with `arg(...)`: the clap attributes of its flag in
//!   those groups; `switch`: an `Option<bool>` that is a bare `--flag` there.
//!
//! The struct's module must have the `Combine` trait in scope.

use heck::ToKebabCase;
use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as Tokens};
use quote::quote;
use syn::parse::ParseStream;
use syn::{Attribute, Data, DeriveInput, Fields, Ident, LitStr, Type, Visibility};

#[proc_macro_derive(ProfileKeys, attributes(key))]
pub fn derive_profile_keys(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as DeriveInput);
    match expand(&input) {
        Ok(tokens) => tokens.into(),
        Err(err) => err.to_compile_error().into(),
    }
}

/// One field, as declared.
struct Key {
    ident: Ident,
    ty: Type,
    docs: Vec<Attribute>,
    /// How messages name it: its flag (`--client-key`), else its TOML name.
    label: String,
    provider: bool,
    ad_hoc: bool,
    path: bool,
    must_exist: bool,
    url: bool,
    switch: bool,
    groups: Vec<Ident>,
    group_arg: Option<Tokens>,
}

fn expand(input: &DeriveInput) -> syn::Result<Tokens> {
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new_spanned(input, "ProfileKeys is for structs"));
    };
    let Fields::Named(fields) = &data.fields else {
        return Err(syn::Error::new_spanned(
            input,
            "ProfileKeys needs named fields",
        ));
    };
    let keys = fields
        .named
        .iter()
        .map(read_key)
        .collect::<syn::Result<Vec<Key>>>()?;
    let name = &input.ident;
    let combine = combine(&keys);
    let lists = lists(&keys);
    let groups = groups(name, &input.vis, &keys);
    Ok(quote! {
        impl Combine for #name {
            #combine
        }
        impl #name {
            #lists
        }
        #groups
    })
}

fn read_key(field: &syn::Field) -> syn::Result<Key> {
    let ident = field.ident.clone().expect("named field");
    let toml_name = ident.to_string();
    let mut key = Key {
        label: toml_name.clone(),
        ident,
        ty: field.ty.clone(),
        docs: Vec::new(),
        provider: false,
        ad_hoc: false,
        path: false,
        must_exist: false,
        url: false,
        switch: false,
        groups: Vec::new(),
        group_arg: None,
    };
    let mut flag = None;
    for attr in &field.attrs {
        if attr.path().is_ident("doc") {
            key.docs.push(attr.clone());
        } else if attr.path().is_ident("arg") {
            flag = attr.parse_args_with(|input: ParseStream| long_of(input, &toml_name))?;
        } else if attr.path().is_ident("key") {
            read_key_attr(attr, &mut key)?;
        }
    }
    if let Some(tokens) = &key.group_arg {
        flag = syn::parse::Parser::parse2(
            |input: ParseStream| long_of(input, &toml_name),
            tokens.clone(),
        )?;
    }
    if !key.groups.is_empty() && key.group_arg.is_none() {
        return Err(syn::Error::new_spanned(
            &key.ident,
            "a key in flag groups needs `arg(...)`: its clap attributes there",
        ));
    }
    if let Some(long) = flag {
        key.label = format!("--{long}");
    }
    Ok(key)
}

fn read_key_attr(attr: &Attribute, key: &mut Key) -> syn::Result<()> {
    attr.parse_nested_meta(|meta| {
        let set = |flag: &mut bool| {
            *flag = true;
            Ok(())
        };
        if meta.path.is_ident("provider") {
            set(&mut key.provider)
        } else if meta.path.is_ident("ad_hoc") {
            set(&mut key.ad_hoc)
        } else if meta.path.is_ident("path") {
            set(&mut key.path)
        } else if meta.path.is_ident("must_exist") {
            key.path = true;
            set(&mut key.must_exist)
        } else if meta.path.is_ident("url") {
            set(&mut key.url)
        } else if meta.path.is_ident("switch") {
            set(&mut key.switch)
        } else if meta.path.is_ident("flags") {
            meta.parse_nested_meta(|group| {
                let ident = group
                    .path
                    .get_ident()
                    .ok_or_else(|| group.error("a group is a struct name"))?;
                key.groups.push(ident.clone());
                Ok(())
            })
        } else if meta.path.is_ident("arg") {
            let content;
            syn::parenthesized!(content in meta.input);
            key.group_arg = Some(content.parse()?);
            Ok(())
        } else {
            Err(meta.error(
                "unknown key attribute: provider, ad_hoc, path, must_exist, url, switch, flags, arg",
            ))
        }
    })
}

/// The `long` of clap attributes (`long`, or `long = "name"`), or `None`
/// for `skip` or an argument without one.
fn long_of(input: ParseStream, field: &str) -> syn::Result<Option<String>> {
    let mut long = None;
    let mut skip = false;
    let metas = syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated(input)?;
    for meta in metas {
        match &meta {
            syn::Meta::Path(path) if path.is_ident("long") => long = Some(field.to_kebab_case()),
            syn::Meta::Path(path) if path.is_ident("skip") => skip = true,
            syn::Meta::NameValue(pair) if pair.path.is_ident("long") => {
                let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(name),
                    ..
                }) = &pair.value
                else {
                    return Err(syn::Error::new_spanned(&pair.value, "long = \"name\""));
                };
                long = Some(name.value());
            }
            _ => {}
        }
    }
    Ok(long.filter(|_| !skip))
}

fn combine(keys: &[Key]) -> Tokens {
    let fields = keys.iter().map(|key| {
        let ident = &key.ident;
        quote! { #ident: Combine::combine(self.#ident, other.#ident) }
    });
    quote! {
        fn combine(self, other: Self) -> Self {
            Self { #(#fields,)* }
        }
    }
}

fn lists(keys: &[Key]) -> Tokens {
    let provider: Vec<&Ident> = keys
        .iter()
        .filter(|key| key.provider)
        .map(|key| &key.ident)
        .collect();
    let ad_hoc: Vec<String> = keys
        .iter()
        .filter(|key| key.provider || key.ad_hoc)
        .map(|key| key.ident.to_string())
        .collect();
    let ad_hoc_len = ad_hoc.len();
    let paths: Vec<&Ident> = keys
        .iter()
        .filter(|key| key.path)
        .map(|key| &key.ident)
        .collect();
    let paths_len = paths.len();
    let (existing, existing_labels) = labelled(keys, |key| key.must_exist);
    let existing_len = existing.len();
    let (urls, url_labels) = labelled(keys, |key| key.url);
    let urls_len = urls.len();
    quote! {
        /// Whether these options say which provider to talk to, so that a
        /// profile name without a config entry is an ad-hoc profile, not a typo.
        pub fn names_a_provider(&self) -> bool {
            false #(|| self.#provider.is_some())*
        }

        /// The options that, given on the command line without `-p`, make a
        /// command ad hoc: it uses nothing of the default profile.
        pub const AD_HOC_KEYS: [&'static str; #ad_hoc_len] = [#(#ad_hoc),*];

        /// Every key that names a file: relative in the config file means
        /// relative to the file, and `profile add` writes them absolute.
        pub fn paths_mut(&mut self) -> [&mut ::core::option::Option<::std::path::PathBuf>; #paths_len] {
            [#(&mut self.#paths),*]
        }

        /// The files that must exist when a profile names them, by flag.
        pub fn credential_files(&self) -> [(&'static str, ::core::option::Option<&::std::path::PathBuf>); #existing_len] {
            [#((#existing_labels, self.#existing.as_ref())),*]
        }

        /// Every endpoint and server URL, by flag.
        pub fn urls(&self) -> [(&'static str, ::core::option::Option<&::std::string::String>); #urls_len] {
            [#((#url_labels, self.#urls.as_ref())),*]
        }
    }
}

fn labelled(keys: &[Key], chosen: impl Fn(&Key) -> bool) -> (Vec<&Ident>, Vec<LitStr>) {
    keys.iter()
        .filter(|key| chosen(key))
        .map(|key| (&key.ident, LitStr::new(&key.label, Span::call_site())))
        .unzip()
}

/// Each flag group: its struct, and its way back into the options.
fn groups(options: &Ident, vis: &Visibility, keys: &[Key]) -> Tokens {
    let mut names: Vec<&Ident> = Vec::new();
    for key in keys {
        for group in &key.groups {
            if !names.contains(&group) {
                names.push(group);
            }
        }
    }
    let structs = names.iter().map(|group| {
        let members: Vec<&Key> = keys
            .iter()
            .filter(|key| key.groups.contains(group))
            .collect();
        let fields = members.iter().map(|key| {
            let ident = &key.ident;
            let docs = &key.docs;
            let arg = key.group_arg.as_ref();
            let ty = if key.switch {
                quote!(bool)
            } else {
                let ty = &key.ty;
                quote!(#ty)
            };
            quote! { #(#docs)* #[arg(#arg)] pub #ident: #ty }
        });
        let back = members.iter().map(|key| {
            let ident = &key.ident;
            if key.switch {
                quote! { #ident: flags.#ident.then_some(true) }
            } else {
                quote! { #ident: flags.#ident }
            }
        });
        let doc = format!(
            "The flags of {} a command takes as its own (generated by `ProfileKeys`).",
            members
                .iter()
                .map(|key| format!("`{}`", key.ident))
                .collect::<Vec<_>>()
                .join(", ")
        );
        quote! {
            #[doc = #doc]
            #[derive(Debug, Default, Clone, ::clap::Args)]
            #vis struct #group {
                #(#fields,)*
            }
            impl ::core::convert::From<#group> for #options {
                fn from(flags: #group) -> #options {
                    #options { #(#back,)* ..::core::default::Default::default() }
                }
            }
        }
    });
    quote! { #(#structs)* }
}
