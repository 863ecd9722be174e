package org.peresvet.model.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.peresvet.model.Names;

/**
 * The one reader for JSON that comes from outside: request bodies, project documents, device
 * configurations. Everything from outside is hostile until read, so it refuses what a lenient
 * parser would quietly repair:
 * <ul>
 *   <li>bytes that are not well-formed UTF-8 (overlong forms such as {@code C0 AF} for '/', lone
 *       surrogates, code points above U+10FFFF), decoded with a reporting decoder, never a replacing one;</li>
 *   <li>anything after the document (a second document, a comment, stray bytes);</li>
 *   <li>duplicate keys in one object (no "last one wins");</li>
 *   <li>comments, NaN/Infinity tokens, single quotes and other non-standard JSON;</li>
 *   <li>documents nested deeper than {@link #MAX_DEPTH} or with strings longer than {@link #MAX_STRING}.</li>
 * </ul>
 * A leading byte-order mark is allowed (editors on Windows write one). Numbers are read as
 * written; whether a number is finite and in range is the reader of each field's business.
 */
public final class StrictJson {
    /** Deeper than any document we write (a project nests a few levels per object level). */
    public static final int MAX_DEPTH = 1_000;
    /** Longest single string value, in chars. */
    public static final int MAX_STRING = 20_000_000;
    /** Longest number literal, in chars. */
    public static final int MAX_NUMBER = 400;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxStringLength(MAX_STRING)
                .maxNumberLength(MAX_NUMBER)
                .build());
    }

    private StrictJson() {
    }

    /** The configured mapper, for callers that bind or write with the same rules. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Reads one JSON document from UTF-8 bytes; an empty input is refused too. */
    public static JsonNode read(byte[] utf8) {
        return read(decodeUtf8(utf8));
    }

    /** Reads one JSON document from text that is already characters. */
    public static JsonNode read(String text) {
        int lone = firstLoneSurrogate(text);
        if (lone >= 0) {
            throw new StrictJsonException("a lone surrogate (U+" + Integer.toHexString(text.charAt(lone)).toUpperCase()
                    + ") at character " + lone + " is not Unicode text", -1, -1);
        }
        String doc = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        if (doc.isBlank()) {
            throw new StrictJsonException("the document is empty", -1, -1);
        }
        try {
            JsonNode n = MAPPER.readTree(doc);
            if (n == null || n.isMissingNode()) {
                throw new StrictJsonException("the document is empty", -1, -1);
            }
            return n;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String why = e.getOriginalMessage();
            // Jackson's wording for a trailing document is long; say it plainly.
            if (why != null && why.startsWith("Trailing token")) {
                why = "unexpected content after the end of the JSON document";
            }
            throw new StrictJsonException(oneLine(why), at == null ? -1 : at.getLineNr(),
                    at == null ? -1 : at.getColumnNr());
        }
    }

    /**
     * Decodes strict UTF-8: malformed, overlong, surrogate-encoding and out-of-range sequences are
     * refused with the byte offset where they start.
     */
    public static String decodeUtf8(byte[] bytes) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16L, bytes.length + 1L));
        CoderResult r = dec.decode(in, out, true);
        if (r.isError()) {
            throw new StrictJsonException("not well-formed UTF-8 at byte " + in.position(), -1, -1);
        }
        r = dec.flush(out);
        if (r.isError()) {
            throw new StrictJsonException("not well-formed UTF-8 at byte " + in.position(), -1, -1);
        }
        out.flip();
        return out.toString();
    }

    /** Index of the first unpaired surrogate char, or -1 when the text is well-formed UTF-16 (the name rule's check). */
    public static int firstLoneSurrogate(CharSequence s) {
        return Names.loneSurrogate(s);
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "not valid JSON";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
