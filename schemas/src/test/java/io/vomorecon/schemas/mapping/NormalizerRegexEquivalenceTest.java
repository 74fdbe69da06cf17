package io.vomorecon.schemas.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TEXT and PHONE_E164 fold white space and keep digits with hand-written loops instead of
 * {@code String.replaceAll}; they must give exactly what the regexes gave, on named edge cases
 * and on many random strings over an alphabet of every regex white-space character.
 */
class NormalizerRegexEquivalenceTest {

    private static final char[] ALPHABET = {' ', '\t', '\n', '\u000B', '\f', '\r', '\u00A0', '\u2003', 'a', 'Z', '0', '9', '+', '(',
            '-', 'é', '\u0660'};

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "  ", "a", "a b", "a  b", " a ", "a\tb", "a \tb", "a\u00A0b", "\r\n", "x\u000B\fy ",
            "Lovelace   King", "(555) 010-4477", "+44 20 7946 0958", "٠١٢"})
    void theLoopsGiveWhatTheRegexesGave(String s) {
        assertThat(Normalizer.foldWhiteSpace(s)).isEqualTo(s.replaceAll("\\s+", " "));
        assertThat(Normalizer.asciiDigits(s)).isEqualTo(s.replaceAll("[^0-9]", ""));
    }

    @Test
    void randomStringsToo() {
        Random random = new Random(20260301L);
        for (int k = 0; k < 20_000; k++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(12);
            for (int i = 0; i < len; i++) {
                sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            String s = sb.toString();
            assertThat(Normalizer.foldWhiteSpace(s)).as("fold [%s]", s).isEqualTo(s.replaceAll("\\s+", " "));
            assertThat(Normalizer.asciiDigits(s)).as("digits [%s]", s).isEqualTo(s.replaceAll("[^0-9]", ""));
            assertThat(Normalizer.TEXT.fromText(s)).isEqualTo(regexText(s));
        }
    }

    private static java.util.Optional<String> regexText(String s) {
        String t = s.trim().replaceAll("\\s+", " ");
        return t.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(t);
    }
}
