package org.peresvet.formula;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The tokens of a formula as written, with their character offsets: what an editor colours and
 * matches brackets with. Unlike the compiler's lexer it never refuses text: a formula being typed
 * is mostly incomplete, so an unclosed string or tag runs to the end of its line and an unknown
 * character becomes an {@link Kind#ERROR} token.
 */
public final class FormulaTokens {
    private FormulaTokens() {
    }

    public enum Kind {
        /** A tag reference in braces, braces included. */
        TAG,
        /** A name followed by "(": a function call. */
        FUNCTION,
        /** {@code and or not true false}. */
        KEYWORD,
        /** Any other name (an error in the language, shown plainly while typing). */
        NAME,
        NUMBER,
        /** A string literal, quotes included (may be unclosed). */
        STRING,
        OPERATOR,
        /** ( or ). */
        PAREN,
        COMMA,
        /** From // to the end of the line. */
        COMMENT,
        /** A character the language does not know. */
        ERROR
    }

    /** One token: {@code text.substring(start, end)}. */
    public record Token(Kind kind, int start, int end, String text) {
        public int length() {
            return end - start;
        }
    }

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "true", "false");

    /** Tokens in order; whitespace lies between them. */
    public static List<Token> of(String src) {
        List<Token> out = new ArrayList<>();
        if (src == null) {
            return out;
        }
        int n = src.length();
        int i = 0;
        while (i < n) {
            char c = src.charAt(i);
            int s = i;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                i = lineEnd(src, i);
                out.add(token(src, Kind.COMMENT, s, i));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(src.charAt(i + 1)))) {
                while (i < n && (Character.isDigit(src.charAt(i)) || src.charAt(i) == '.')) {
                    i++;
                }
                if (i < n && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
                    int e = i + 1;
                    if (e < n && (src.charAt(e) == '+' || src.charAt(e) == '-')) {
                        e++;
                    }
                    if (e < n && Character.isDigit(src.charAt(e))) {
                        i = e;
                        while (i < n && Character.isDigit(src.charAt(i))) {
                            i++;
                        }
                    }
                }
                out.add(token(src, Kind.NUMBER, s, i));
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) {
                    i++;
                }
                String word = src.substring(s, i);
                int k = i;
                while (k < n && (src.charAt(k) == ' ' || src.charAt(k) == '\t')) {
                    k++;
                }
                Kind kind = KEYWORDS.contains(word) ? Kind.KEYWORD
                        : k < n && src.charAt(k) == '(' ? Kind.FUNCTION : Kind.NAME;
                out.add(token(src, kind, s, i));
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && src.charAt(i) != '\n') {
                    char d = src.charAt(i++);
                    if (d == '\\' && i < n && src.charAt(i) != '\n') {
                        i++;
                    } else if (d == c) {
                        break;
                    }
                }
                out.add(token(src, Kind.STRING, s, i));
            } else if (c == '{') {
                int close = src.indexOf('}', i + 1);
                int end = lineEnd(src, i);
                i = close >= 0 && close < end ? close + 1 : end;
                out.add(token(src, Kind.TAG, s, i));
            } else if (c == '(' || c == ')') {
                i++;
                out.add(token(src, Kind.PAREN, s, i));
            } else if (c == ',') {
                i++;
                out.add(token(src, Kind.COMMA, s, i));
            } else {
                String two = i + 1 < n ? src.substring(i, i + 2) : "";
                if (Set.of("==", "!=", "<=", ">=", "&&", "||", "<>").contains(two)) {
                    i += 2;
                    out.add(token(src, Kind.OPERATOR, s, i));
                } else if ("+-*/%^<>=!".indexOf(c) >= 0) {
                    i++;
                    out.add(token(src, Kind.OPERATOR, s, i));
                } else {
                    i++;
                    out.add(token(src, Kind.ERROR, s, i));
                }
            }
        }
        return out;
    }

    /** The token containing {@code offset}, else the one ending exactly there (a caret just after it), or null. */
    public static Token at(List<Token> tokens, int offset) {
        Token before = null;
        for (Token t : tokens) {
            if (offset >= t.start() && offset < t.end()) {
                return t;
            }
            if (offset == t.end()) {
                before = t;
            }
        }
        return before;
    }

    /**
     * The offset of the parenthesis matching the one at {@code offset} (in code, not in strings,
     * tag references or comments), or -1 when there is none there or it is unbalanced.
     */
    public static int matchingParen(String src, int offset) {
        List<Token> parens = new ArrayList<>();
        for (Token t : of(src)) {
            if (t.kind() == Kind.PAREN) {
                parens.add(t);
            }
        }
        int index = -1;
        for (int k = 0; k < parens.size(); k++) {
            if (parens.get(k).start() == offset) {
                index = k;
            }
        }
        if (index < 0) {
            return -1;
        }
        boolean open = parens.get(index).text().equals("(");
        int depth = 0;
        int step = open ? 1 : -1;
        for (int k = index; k >= 0 && k < parens.size(); k += step) {
            depth += parens.get(k).text().equals("(") ? 1 : -1;
            if (depth == 0) {
                return parens.get(k).start();
            }
        }
        return -1;
    }

    /** The character offset of a 1-based line and column (clamped to the text). */
    public static int offsetOf(String src, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line; l++) {
            int nl = src.indexOf('\n', offset);
            if (nl < 0) {
                return src.length();
            }
            offset = nl + 1;
        }
        return Math.min(src.length(), Math.max(0, offset + column - 1));
    }

    private static int lineEnd(String src, int from) {
        int nl = src.indexOf('\n', from);
        return nl < 0 ? src.length() : nl;
    }

    private static Token token(String src, Kind kind, int s, int e) {
        return new Token(kind, s, e, src.substring(s, e));
    }
}
