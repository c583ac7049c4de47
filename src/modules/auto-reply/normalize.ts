/**
 * The one normalization applied to keywords (when rules are compiled) and to followers' text (when
 * matched), so both sides are compared in the same form. In order:
 *
 * 1. Unicode NFKC: full-width letters, digits and punctuation become their half-width forms
 *    ('ＡＢＣ１２３！' → 'ABC123!'), the ideographic space U+3000 becomes a space, compatibility
 *    ligatures and circled/width variants are unfolded. Chinese characters are unchanged.
 * 2. Lower case (locale-independent `toLowerCase`), so 'Hello' and 'HELLO' are the same keyword.
 * 3. Trim, and collapse every inner run of whitespace (spaces, tabs, newlines) to one space, because
 *    phone keyboards insert stray and doubled spaces.
 *
 * NFKC runs first because it can produce spaces and upper-case letters that the later steps handle.
 * Regex keywords are NOT normalized (NFKC could change an escape's meaning); they run, with the `i`
 * flag, against the normalized message — see regex-guard-runner.ts.
 */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(WHITESPACE_RUN, ' ').trim();
}

// \s covers the Unicode space separators, tabs, line and paragraph separators and the BOM.
const WHITESPACE_RUN = /\s+/g;
