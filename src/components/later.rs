//! Drawing the rest of a long page a moment after its top.

use leptos::prelude::*;

/// Draws its children in the task after the rest of the page, so that the
/// page's top (its heading, status and what matters most) is painted first and
/// the click that opened it is answered sooner. Only for what lies further
/// down a page: it is there a few milliseconds later.
#[component]
pub fn Later(
    /// What is drawn a task later.
    children: ChildrenFn,
) -> impl IntoView {
    let ready = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        crate::next_task().await;
        // The page may have been left in the meantime.
        let _ = ready.try_set(true);
    });
    move || ready.get().then(|| children())
}
