//! A router and a short list: the smallest app of Samspil's kind.
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

fn main() {
    mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    view! {
        <Router>
            <nav><A href="/">"Home"</A>" "<A href="/about">"About"</A></nav>
            <main>
                <Routes fallback=|| view! { <h1>"Not found"</h1> }>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/about") view=|| view! { <h1>"About"</h1> }/>
                </Routes>
            </main>
        </Router>
    }
}

#[component]
fn Home() -> impl IntoView {
    let items = RwSignal::new(vec!["Read before practice", "Ask for help in maths", "Pass the ball"]);
    view! {
        <h1>"Goals"</h1>
        <ul>
            <For each=move || items.get() key=|i| *i let:item>
                <li>{item}</li>
            </For>
        </ul>
        <button on:click=move |_| items.update(|v| v.push("Another goal"))>"Add"</button>
    }
}
