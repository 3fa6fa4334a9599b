//! One stable sort for the whole crate, to keep the wasm small.
//!
//! `slice::sort_by` is generic over the element type *and* the closure: every call site with
//! its own closure compiles its own copy of the standard library's stable sort (≈ 4 KB of wasm
//! each; the core had about 40 of them). These helpers sort a list of positions instead, with
//! the comparison behind a `&dyn Fn`, so the sorting algorithm is compiled once; the generic
//! part left at each call site is a small closure and an in-place permutation.
//!
//! The order is exactly the one `slice::sort_by` gives: stable (equal elements keep their
//! order), the comparison called on the elements as they were before the sort. [`json_map`]
//! does the same for the sort hidden in `collect()` into a JSON object.

use std::cmp::Ordering;

/// The stable order of `len` positions under `cmp`: the one non-generic sort.
fn stable_order(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Moves `v[order[k]]` to position `k` for every `k`, following the permutation's cycles.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut cur = start;
        loop {
            let next = order[cur];
            order[cur] = cur;
            if next == start {
                break;
            }
            v.swap(cur, next);
            cur = next;
        }
    }
}

/// Stable sort by a comparison, like `slice::sort_by`.
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = stable_order(v.len(), &|a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// Stable sort by a key, like `slice::sort_by_key` (the key is computed at each comparison).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Stable sort in the natural order, like `slice::sort`.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// A JSON object from key/value pairs, like `collect::<serde_json::Map<_, _>>()` (the last value
/// of a repeated key wins). `collect()` into a map sorts its input with a std sort compiled once
/// per iterator type; collecting into a `Vec` first and calling this one function does not.
pub fn json_map(pairs: Vec<(String, serde_json::Value)>) -> serde_json::Map<String, serde_json::Value> {
    let mut map = serde_json::Map::new();
    for (k, v) in pairs {
        map.insert(k, v);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_std_and_stays_stable() {
        // pairs (key, original position): equal keys must keep their positions' order
        let mut seed = 7u32;
        for len in [0usize, 1, 2, 3, 10, 57, 300] {
            let v: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    ((seed >> 16) % 7, i)
                })
                .collect();
            let mut ours = v.clone();
            sort_by_key(&mut ours, |p| p.0);
            let mut std = v.clone();
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std, "len {len}");
            let mut rev = v.clone();
            sort_by(&mut rev, |a, b| b.0.cmp(&a.0));
            let mut std_rev = v.clone();
            std_rev.sort_by_key(|p| std::cmp::Reverse(p.0));
            assert_eq!(rev, std_rev, "len {len}");
        }
    }

    #[test]
    fn json_map_is_collect() {
        let pairs = vec![("b".to_string(), 1.into()), ("a".to_string(), 2.into()), ("b".to_string(), 3.into())];
        let collected: serde_json::Map<String, serde_json::Value> = pairs.clone().into_iter().collect();
        assert_eq!(json_map(pairs), collected);
        assert_eq!(serde_json::to_string(&collected).unwrap(), r#"{"a":2,"b":3}"#);
    }

    #[test]
    fn sorts_strings_naturally() {
        let mut v = vec!["b".to_string(), "a".to_string(), "c".to_string(), "a".to_string()];
        sort(&mut v);
        assert_eq!(v, ["a", "a", "b", "c"]);
    }
}
