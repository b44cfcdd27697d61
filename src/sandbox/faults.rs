//! Slow and broken networks on demand: latency on every request, and a fraction of requests
//! that fail — some before they change anything, some after the change was committed — as an
//! HTTP 503 or as a connection dropped without an answer. A client therefore cannot assume
//! that a failure means nothing happened.
//!
//! Dropping a connection: every accepted socket is wrapped in a [`KillableStream`] whose
//! switch the request can reach (through `ConnectInfo`). Once thrown, every read and write
//! fails, so hyper closes the socket instead of writing the answer: the client sees EOF.

use super::config::{FailureKind, FaultPlan, MAX_LATENCY_MS};
use axum::serve::Listener;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

/// The fault plan and the dice that draw from it.
pub struct FaultDice {
    inner: Mutex<(FaultPlan, StdRng)>,
}

impl FaultDice {
    pub fn new(plan: FaultPlan, seed: Option<u64>) -> Self {
        let rng = match seed {
            Some(seed) => StdRng::seed_from_u64(seed),
            None => StdRng::from_os_rng(),
        };
        Self {
            inner: Mutex::new((plan, rng)),
        }
    }

    pub fn set_plan(&self, plan: FaultPlan) {
        self.lock().0 = plan;
    }

    /// The plan's latency, capped at [`MAX_LATENCY_MS`] however the plan was made.
    pub fn latency(&self) -> std::time::Duration {
        self.lock()
            .0
            .latency
            .min(std::time::Duration::from_millis(MAX_LATENCY_MS))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (FaultPlan, StdRng)> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Decides the fate of one request to `path` (e.g. `couponsession/update`).
    pub fn draw(&self, path: &str) -> Option<FailureKind> {
        let mut guard = self.lock();
        let (plan, rng) = &mut *guard;
        if plan.fail_rate <= 0.0 {
            return None;
        }
        if !plan.only_paths.is_empty() && !plan.only_paths.iter().any(|p| p.trim_matches('/') == path) {
            return None;
        }
        if rng.random::<f64>() >= plan.fail_rate {
            return None;
        }
        let kinds: &[FailureKind] = if plan.kinds.is_empty() {
            &FailureKind::ALL
        } else {
            &plan.kinds
        };
        Some(kinds[rng.random_range(0..kinds.len())])
    }
}

/// The switch that drops one connection; reaches handlers as `ConnectInfo<ConnSwitch>`.
#[derive(Clone, Debug)]
pub struct ConnSwitch {
    killed: Arc<AtomicBool>,
}

impl ConnSwitch {
    pub fn kill(&self) {
        self.killed.store(true, Ordering::SeqCst);
    }
}

/// A TCP listener whose connections can be dropped from inside a request.
pub struct KillableListener(pub TcpListener);

impl Listener for KillableListener {
    type Io = KillableStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            match self.0.accept().await {
                Ok((stream, addr)) => {
                    // Small answers should not wait for Nagle.
                    let _ = stream.set_nodelay(true);
                    let io = KillableStream {
                        inner: stream,
                        killed: Arc::new(AtomicBool::new(false)),
                    };
                    return (io, addr);
                }
                Err(error) => {
                    // Out of file descriptors and the like: wait instead of spinning.
                    tracing::warn!(%error, "sandbox: accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.0.local_addr()
    }
}

/// A TCP stream that fails every read and write once its switch is thrown.
pub struct KillableStream {
    inner: TcpStream,
    killed: Arc<AtomicBool>,
}

impl KillableStream {
    /// The switch that drops this connection.
    pub fn switch(&self) -> ConnSwitch {
        ConnSwitch {
            killed: Arc::clone(&self.killed),
        }
    }

    fn dead(&self) -> Option<io::Error> {
        self.killed.load(Ordering::SeqCst).then(|| {
            io::Error::new(
                io::ErrorKind::ConnectionAborted,
                "connection dropped by fault injection",
            )
        })
    }
}

impl AsyncRead for KillableStream {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        if let Some(e) = self.dead() {
            return Poll::Ready(Err(e));
        }
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for KillableStream {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        if let Some(e) = self.dead() {
            return Poll::Ready(Err(e));
        }
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if let Some(e) = self.dead() {
            return Poll::Ready(Err(e));
        }
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dice_respect_rate_kinds_and_paths() {
        let plan = FaultPlan {
            fail_rate: 1.0,
            kinds: vec![FailureKind::DropAfterCommit],
            only_paths: vec!["couponsession/update".into()],
            ..FaultPlan::default()
        };
        let dice = FaultDice::new(plan, Some(1));
        assert_eq!(
            dice.draw("couponsession/update"),
            Some(FailureKind::DropAfterCommit)
        );
        assert_eq!(dice.draw("couponsession/data"), None);
        dice.set_plan(FaultPlan::default());
        assert_eq!(dice.draw("couponsession/update"), None);
    }

    #[test]
    fn latency_is_capped_however_the_plan_was_made() {
        let dice = FaultDice::new(
            FaultPlan {
                latency: std::time::Duration::from_secs(3600),
                ..FaultPlan::default()
            },
            Some(1),
        );
        assert_eq!(dice.latency(), std::time::Duration::from_millis(MAX_LATENCY_MS));
    }

    #[test]
    fn a_fraction_fails_and_every_kind_shows_up() {
        let plan = FaultPlan {
            fail_rate: 0.25,
            ..FaultPlan::default()
        };
        let dice = FaultDice::new(plan, Some(42));
        let draws: Vec<_> = (0..4000).filter_map(|_| dice.draw("x")).collect();
        assert!(
            (800..1200).contains(&draws.len()),
            "{} of 4000 failed",
            draws.len()
        );
        for kind in FailureKind::ALL {
            assert!(draws.contains(&kind), "{kind:?} never drawn");
        }
    }
}
