//! One stable sort for the whole crate.
//!
//! The standard library's sorts are generic: each element type and comparator gets its own
//! copy (2 to 3 KB of WebAssembly each, a dozen of them). Here every sort orders indices
//! through one non-generic function and a comparator behind `dyn`, then moves the elements
//! once. The sorted vectors are small (categories, departments, warnings, Monte Carlo draws),
//! so the indirection costs nothing measurable.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp` (as `slice::sort_by`).
pub(crate) fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = sorted_indices(v.len(), &|a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `v` stably by a key (as `slice::sort_by_key`).
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// `0..n` ordered by `cmp`, stably.
#[inline(never)]
fn sorted_indices(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| cmp(*a, *b));
    order
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn same_order_as_the_standard_stable_sort(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            super::sort_by_key(&mut ours, |(k, _)| *k);
            let mut std = v;
            std.sort_by_key(|(k, _)| *k);
            prop_assert_eq!(ours, std);
        }
    }
}
