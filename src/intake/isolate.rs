//! Per-file isolation: reading one input runs under [`guarded`], so a panic in a parser
//! (calamine's, or ours) becomes that file's diagnostic instead of ending the batch or
//! the process.
//!
//! A panic hook is installed once: while a thread is inside [`guarded`], the hook keeps
//! the panic's message and place for the diagnostic and prints nothing; panics anywhere
//! else go to the hook that was there before (the default one prints as usual), so an
//! embedding program keeps its own behaviour.
//!
//! What this cannot do: a failed memory allocation aborts the process and cannot be
//! caught on stable Rust, and a parser that loops forever cannot be stopped from inside
//! the process. The checks of [`super::guard`] run before calamine allocates, so no input
//! reaches calamine with a size it would abort on.

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, PanicHookInfo};
use std::sync::Once;

thread_local! {
    /// Depth of [`guarded`] calls on this thread.
    static GUARDED: Cell<u32> = const { Cell::new(0) };
    /// The last caught panic on this thread: message and place.
    static CAUGHT: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

fn install_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info: &PanicHookInfo<'_>| {
            if GUARDED.with(Cell::get) > 0 {
                let text = describe(info);
                CAUGHT.with(|c| *c.borrow_mut() = Some(text));
            } else {
                previous(info);
            }
        }));
    });
}

/// The panic's message and where it happened, in words a user can pass on.
fn describe(info: &PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let msg = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an internal error".to_string());
    let place = info
        .location()
        .map(|l| format!(" at {}:{}", short_path(l.file()), l.line()))
        .unwrap_or_default();
    clean(&format!("{msg}{place}"))
}

/// A source path without the local registry prefix (`calamine-0.38.0/src/xls.rs`).
fn short_path(file: &str) -> &str {
    let f = file.trim_start_matches(['/', '\\']);
    match f.rfind("/src/") {
        Some(i) => {
            let head = &f[..i];
            let start = head.rfind(['/', '\\']).map(|j| j + 1).unwrap_or(0);
            &f[start..]
        }
        None => f,
    }
}

/// One line, and never the word the default hook uses for a panic.
fn clean(s: &str) -> String {
    let one_line: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(400)
        .collect();
    one_line
        .replace("panicked", "failed")
        .replace("panic", "failure")
}

/// Runs `f`; a panic inside it becomes `Err` with the panic's message and place (and
/// nothing is printed).
pub fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    GUARDED.with(|g| g.set(g.get() + 1));
    let result = std::panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(g.get() - 1));
    result.map_err(|payload| {
        CAUGHT.with(|c| c.borrow_mut().take()).unwrap_or_else(|| {
            clean(
                payload
                    .downcast_ref::<&str>()
                    .copied()
                    .unwrap_or("an internal error"),
            )
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_message() {
        let r: Result<(), String> = guarded(|| {
            let v: Vec<u8> = Vec::new();
            let i = v.len() + 3;
            let _ = v[i];
        });
        let msg = r.unwrap_err();
        assert!(msg.contains("index out of bounds"), "{msg}");
        assert!(msg.contains("src/intake/isolate.rs"), "{msg}");
        assert!(!msg.contains("panicked"));
        assert_eq!(guarded(|| 7), Ok(7));
        assert_eq!(
            short_path("/root/.cargo/registry/src/idx/calamine-0.38.0/src/xls.rs"),
            "calamine-0.38.0/src/xls.rs"
        );
    }
}
