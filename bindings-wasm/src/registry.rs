//! Datasets alive in JS, by slot: lets a function take a `Dataset` argument by reference
//! (wasm-bindgen has no `Option<&T>` parameters) without consuming the JS object.

use empreinte::Dataset;
use std::cell::RefCell;
use std::ops::Deref;
#[cfg(feature = "full")]
use std::rc::Rc;

/// An embedded dataset, or one loaded from files (the full module's `Dataset.fromFiles`).
#[derive(Debug, Clone)]
pub enum Held {
    Embedded(&'static Dataset),
    #[cfg(feature = "full")]
    Loaded(Rc<Dataset>),
}

impl Deref for Held {
    type Target = Dataset;
    fn deref(&self) -> &Dataset {
        match self {
            Held::Embedded(d) => d,
            #[cfg(feature = "full")]
            Held::Loaded(d) => d,
        }
    }
}

thread_local! {
    static SLOTS: RefCell<Vec<Option<Held>>> = const { RefCell::new(Vec::new()) };
}

pub fn insert(held: Held) -> u32 {
    SLOTS.with(|s| {
        let mut slots = s.borrow_mut();
        match slots.iter().position(Option::is_none) {
            Some(i) => {
                slots[i] = Some(held);
                i as u32
            }
            None => {
                slots.push(Some(held));
                (slots.len() - 1) as u32
            }
        }
    })
}

pub fn get(slot: u32) -> Option<Held> {
    SLOTS.with(|s| s.borrow().get(slot as usize).cloned().flatten())
}

pub fn remove(slot: u32) {
    SLOTS.with(|s| {
        if let Some(x) = s.borrow_mut().get_mut(slot as usize) {
            *x = None;
        }
    })
}
