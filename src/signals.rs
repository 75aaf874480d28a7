//! Forwarding SIGINT, SIGTERM and SIGHUP to a child (curl), so that ending
//! oauthctl ends the request too, and the private work directory is gone
//! before oauthctl itself goes.

#[cfg(unix)]
mod imp {
    use anyhow::{Context, Result};
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::{Handle, Signals};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicI32, AtomicU32, Ordering};
    use std::thread::JoinHandle;

    pub struct Forwarding {
        handle: Handle,
        thread: Option<JoinHandle<()>>,
        child: Arc<AtomicU32>,
        received: Arc<AtomicI32>,
    }

    impl Forwarding {
        /// From now on the three signals are caught. While a child is set
        /// they go to it, and the caller learns of them when it exits; with
        /// no child, `cleanup` runs and the signal then takes its default
        /// course (oauthctl ends as if never caught).
        pub fn start(cleanup: impl Fn() + Send + 'static) -> Result<Forwarding> {
            let mut signals = Signals::new([SIGINT, SIGTERM, SIGHUP])
                .context("cannot install the signal handlers")?;
            let handle = signals.handle();
            let child = Arc::new(AtomicU32::new(0));
            let received = Arc::new(AtomicI32::new(0));
            let thread = {
                let child = Arc::clone(&child);
                let received = Arc::clone(&received);
                std::thread::Builder::new()
                    .name("signals".into())
                    .spawn(move || {
                        for signal in signals.forever() {
                            received.store(signal, Ordering::SeqCst);
                            match child.load(Ordering::SeqCst) {
                                0 => {
                                    cleanup();
                                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                                }
                                pid => forward(pid, signal),
                            }
                        }
                    })
                    .context("cannot start the signal thread")?
            };
            Ok(Forwarding {
                handle,
                thread: Some(thread),
                child,
                received,
            })
        }

        pub fn set_child(&self, pid: Option<u32>) {
            self.child.store(pid.unwrap_or(0), Ordering::SeqCst);
        }

        /// The last signal caught, if any.
        pub fn received(&self) -> Option<i32> {
            Some(self.received.load(Ordering::SeqCst)).filter(|s| *s != 0)
        }
    }

    fn forward(pid: u32, signal: i32) {
        let (Some(pid), Some(signal)) = (
            i32::try_from(pid)
                .ok()
                .and_then(rustix::process::Pid::from_raw),
            rustix::process::Signal::from_named_raw(signal),
        ) else {
            return;
        };
        // The child may have exited already: nothing to do then.
        let _ = rustix::process::kill_process(pid, signal);
    }

    impl Drop for Forwarding {
        fn drop(&mut self) {
            self.handle.close();
            if let Some(thread) = self.thread.take() {
                let _ = thread.join();
            }
        }
    }
}

#[cfg(not(unix))]
mod imp {
    use anyhow::Result;

    /// Windows delivers Ctrl-C to the whole console, curl included.
    pub struct Forwarding;

    impl Forwarding {
        pub fn start(_cleanup: impl Fn() + Send + 'static) -> Result<Forwarding> {
            Ok(Forwarding)
        }
        pub fn set_child(&self, _pid: Option<u32>) {}
        pub fn received(&self) -> Option<i32> {
            None
        }
    }
}

pub use imp::Forwarding;
