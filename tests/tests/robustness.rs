//! Bounded property tests of what the fuzz targets check (`odata_tests::robustness`,
//! shared with `fuzz/`): the EDMX parser with the generator, the V2 and V4 decoders, the
//! multipart batch parser and the URL literal writer, on random inputs and on samples
//! and recorded payloads with random bytes changed. The long runs are the fuzzer's
//! (`FUZZING.md`); these keep CI honest in seconds.

use odata_runtime::Version;
use odata_tests::robustness;
use proptest::prelude::*;

const SAMPLES: [&str; 3] = [
    include_str!("../../metadata-samples/API_BUSINESS_PARTNER.v4.edmx"),
    include_str!("../../metadata-samples/cap_shop.v4.edmx"),
    include_str!("../fixtures/naming_edge_cases.edmx"),
];

const V2_PAYLOADS: [&[u8]; 5] = [
    include_bytes!("../../fuzz/seeds/decode_v2/recorded_page_expanded.json"),
    include_bytes!("../../fuzz/seeds/decode_v2/recorded_not_found.json"),
    include_bytes!("../../fuzz/seeds/decode_v2/page.json"),
    include_bytes!("../../fuzz/seeds/decode_v2/single.json"),
    include_bytes!("../../fuzz/seeds/decode_v2/error.json"),
];

const V4_PAYLOADS: [&[u8]; 3] = [
    include_bytes!("../../fuzz/seeds/decode_v4/page.json"),
    include_bytes!("../../fuzz/seeds/decode_v4/single.json"),
    include_bytes!("../../fuzz/seeds/decode_v4/error.json"),
];

const BATCHES: [&[u8]; 2] = [
    include_bytes!("../../fuzz/seeds/multipart/response.txt"),
    include_bytes!("../../fuzz/seeds/multipart/lf_only.txt"),
];

/// `seed` with bytes overwritten, inserted or removed at the given places.
fn mutate(seed: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut out = seed.to_vec();
    for &(at, kind, byte) in edits {
        let at = if out.is_empty() { 0 } else { at % out.len() };
        match kind % 3 {
            0 if !out.is_empty() => out[at] = byte,
            1 => out.insert(at, byte),
            _ if !out.is_empty() => {
                out.remove(at);
            }
            _ => {}
        }
    }
    out
}

fn edits() -> impl Strategy<Value = Vec<(usize, u8, u8)>> {
    prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..8)
}

/// Bytes that look like JSON more often than noise does.
fn json_like() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop::sample::select(b"{}[]\":,dresultsvalue0123456789.-etruefalsnl \\/Date()".to_vec()),
        0..200,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn edmx_samples_with_bytes_changed_give_a_model_or_located_errors(sample in 0..SAMPLES.len(), edits in edits()) {
        robustness::edmx(&mutate(SAMPLES[sample].as_bytes(), &edits));
    }

    #[test]
    fn any_text_as_edmx_gives_located_errors(text in "[<>/=\"a-zA-Z: \n]{0,300}") {
        robustness::edmx(text.as_bytes());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn v2_payloads_with_bytes_changed_decode_or_fail_with_a_path(payload in 0..V2_PAYLOADS.len(), edits in edits()) {
        robustness::decode(Version::V2, &mutate(V2_PAYLOADS[payload], &edits));
    }

    #[test]
    fn v4_payloads_with_bytes_changed_decode_or_fail_with_a_path(payload in 0..V4_PAYLOADS.len(), edits in edits()) {
        robustness::decode(Version::V4, &mutate(V4_PAYLOADS[payload], &edits));
    }

    #[test]
    fn json_like_noise_decodes_or_fails(bytes in json_like(), v4 in any::<bool>()) {
        robustness::decode(if v4 { Version::V4 } else { Version::V2 }, &bytes);
    }

    #[test]
    fn batch_answers_with_bytes_changed_parse_or_name_the_part(batch in 0..BATCHES.len(), edits in edits()) {
        robustness::multipart(&mutate(BATCHES[batch], &edits));
    }

    #[test]
    fn literals_read_back_and_stay_inside_their_key_segment(bytes in prop::collection::vec(any::<u8>(), 0..96)) {
        robustness::literal(&bytes);
    }
}
