//! Deterministic ids: object UIDs, pod-name suffixes, container ids. Seeded, never random.

/// A seeded generator (splitmix64). The same seed gives the same sequence on every platform.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdGen {
    state: u64,
}

impl Default for IdGen {
    fn default() -> Self {
        IdGen::new(0x6b75_6265_2d73_696d) // "kube-sim"
    }
}

/// The alphabet Kubernetes uses for generated name suffixes (`utilrand.String`): no vowels,
/// no digits that look like letters.
const SUFFIX_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// Appends the `digits` low hex digits of `v` (lowercase, zero-padded).
fn push_hex(s: &mut String, v: u64, digits: u32) {
    for i in (0..digits).rev() {
        let d = ((v >> (4 * i)) & 0xf) as u32;
        s.push(char::from_digit(d, 16).unwrap_or('0'));
    }
}

impl IdGen {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        IdGen { state: seed }
    }

    /// The next 64 pseudo-random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A version-4-shaped UUID, as the API server assigns to `metadata.uid`.
    pub fn uid(&mut self) -> String {
        let a = self.next_u64();
        let b = self.next_u64();
        // `{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}`, written digit by digit (a `format!` was a
        // tenth of the cost of creating an object).
        let mut s = String::with_capacity(36);
        push_hex(&mut s, a >> 32, 8);
        s.push('-');
        push_hex(&mut s, (a >> 16) & 0xffff, 4);
        s.push_str("-4");
        push_hex(&mut s, a & 0xfff, 3);
        s.push('-');
        push_hex(&mut s, 8 + (b >> 62), 1);
        push_hex(&mut s, (b >> 48) & 0xfff, 3);
        s.push('-');
        push_hex(&mut s, b & 0xffff_ffff_ffff, 12);
        s
    }

    /// `n` characters from the Kubernetes name-suffix alphabet (`generateName`, ReplicaSet pods).
    pub fn suffix(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| SUFFIX_ALPHABET[(self.next_u64() % SUFFIX_ALPHABET.len() as u64) as usize] as char)
            .collect()
    }

    /// `n` lowercase hex digits, for container and image ids.
    pub fn hex(&mut self, n: usize) -> String {
        let mut s = String::with_capacity(n + 16);
        while s.len() < n {
            s.push_str(&format!("{:016x}", self.next_u64()));
        }
        s.truncate(n);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uids_are_the_formatted_uuid() {
        let mut g = IdGen::new(7);
        let mut h = IdGen::new(7);
        for _ in 0..1000 {
            let (a, b) = (h.next_u64(), h.next_u64());
            let want = format!(
                "{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}",
                a >> 32,
                (a >> 16) & 0xffff,
                a & 0xfff,
                8 + (b >> 62),
                (b >> 48) & 0xfff,
                b & 0xffff_ffff_ffff
            );
            assert_eq!(g.uid(), want);
        }
    }

    #[test]
    fn same_seed_same_ids() {
        let mut a = IdGen::default();
        let mut b = IdGen::default();
        assert_eq!(a.uid(), b.uid());
        assert_eq!(a.suffix(5), b.suffix(5));
    }

    #[test]
    fn uid_has_the_uuid_shape() {
        let u = IdGen::default().uid();
        let parts: Vec<_> = u.split('-').map(str::len).collect();
        assert_eq!(parts, [8, 4, 4, 4, 12]);
        assert_eq!(&u[14..15], "4");
    }
}
