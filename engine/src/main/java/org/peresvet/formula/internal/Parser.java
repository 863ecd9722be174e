package org.peresvet.formula.internal;

import java.util.ArrayList;
import java.util.List;
import org.peresvet.formula.FormulaException;
import org.peresvet.formula.FormulaTokens;

/**
 * Hand-written lexer and recursive-descent parser. Grammar, lowest precedence first:
 * <pre>
 * expr       = or
 * or         = and { "or" and }
 * and        = not { "and" not }
 * not        = "not" not | comparison
 * comparison = additive [ ("==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=") additive ]
 * additive   = term { ("+" | "-") term }
 * term       = unary { ("*" | "/" | "%") unary }
 * unary      = "-" unary | "+" unary | power
 * power      = primary [ "^" unary ]            (right-associative: 2^3^2 = 2^9)
 * primary    = number | string | "true" | "false" | "{" path "}" | name "(" [ expr { "," expr } ] ")" | "(" expr ")"
 * </pre>
 * Comments run from {@code //} to the end of the line.
 */
public final class Parser {
    private enum Kind { NUMBER, STRING, NAME, TAG, OP, END }

    private record Token(Kind kind, String text, double number, int line, int column) {
    }

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private int p;
    /** Nesting of parentheses, calls and unary operators; bounded so no formula can exhaust the stack. */
    private int depth;
    private static final int MAX_DEPTH = 100;

    private Parser(String src) {
        this.src = src;
    }

    public static Ast parse(String text) {
        if (text == null || text.isBlank()) {
            throw new FormulaException(1, 1, "the formula is empty");
        }
        Parser parser = new Parser(text);
        parser.lex();
        Ast ast = parser.expr();
        Token t = parser.peek();
        if (t.kind != Kind.END) {
            throw parser.error(t, "unexpected " + describe(t) + " after a complete expression"
                    + (t.kind == Kind.NAME || t.kind == Kind.NUMBER || t.kind == Kind.TAG
                    ? " (missing operator?)" : ""));
        }
        return ast;
    }

    // ---- lexer ----

    /**
     * The tokens of {@link FormulaTokens} (the one scanner, shared with the editor's highlighting),
     * checked strictly: what the editor shows as an error or an unclosed string or tag is refused
     * here with its line and column.
     */
    private void lex() {
        int line = 1;
        int lineStart = 0;
        int scanned = 0;
        List<FormulaTokens.Token> scannedTokens = FormulaTokens.of(src);
        for (int k = 0; k < scannedTokens.size(); k++) {
            FormulaTokens.Token t = scannedTokens.get(k);
            for (; scanned < t.start(); scanned++) {
                if (src.charAt(scanned) == '\n') {
                    line++;
                    lineStart = scanned + 1;
                }
            }
            int col = t.start() - lineStart + 1;
            String text = t.text();
            switch (t.kind()) {
                case COMMENT -> {
                    // skipped
                }
                case NUMBER -> {
                    double v;
                    try {
                        v = Double.parseDouble(text);
                    } catch (NumberFormatException ex) {
                        throw new FormulaException(line, col, "'" + text + "' is not a number");
                    }
                    int after = t.end();
                    if (after < src.length() && (Character.isLetter(src.charAt(after)) || src.charAt(after) == '_')) {
                        throw new FormulaException(line, after - lineStart + 1, "a number must not be followed directly by a letter");
                    }
                    tokens.add(new Token(Kind.NUMBER, text, v, line, col));
                }
                case NAME, KEYWORD, FUNCTION -> tokens.add(new Token(Kind.NAME, text, 0, line, col));
                case STRING -> tokens.add(new Token(Kind.STRING, stringValue(text, line, col), 0, line, col));
                case TAG -> {
                    if (text.length() < 2 || text.charAt(text.length() - 1) != '}') {
                        throw new FormulaException(line, col, "the tag reference is not closed: add }");
                    }
                    String path = text.substring(1, text.length() - 1).strip();
                    if (path.isEmpty()) {
                        throw new FormulaException(line, col, "empty tag reference {}: write a tag path, e.g. {/Station/Tank/Level} or {Level}");
                    }
                    tokens.add(new Token(Kind.TAG, path, 0, line, col));
                }
                case ERROR -> throw new FormulaException(line, col, "unexpected character '" + text + "'");
                case OPERATOR, PAREN, COMMA -> {
                    // Accept the spellings people bring from other languages, in their canonical form.
                    String canonical = switch (text) {
                        case "=" -> "==";
                        case "<>" -> "!=";
                        case "&&" -> "and";
                        case "||" -> "or";
                        case "!" -> "not";
                        default -> text;
                    };
                    tokens.add(new Token(Kind.OP, canonical, 0, line, col));
                }
            }
        }
        for (; scanned < src.length(); scanned++) {
            if (src.charAt(scanned) == '\n') {
                line++;
                lineStart = scanned + 1;
            }
        }
        tokens.add(new Token(Kind.END, "", 0, line, src.length() - lineStart + 1));
    }

    /** The value of a string literal as scanned (quotes included): escapes resolved; refused when not closed. */
    private static String stringValue(String literal, int line, int col) {
        char quote = literal.charAt(0);
        StringBuilder sb = new StringBuilder();
        int i = 1;
        int n = literal.length();
        while (i < n) {
            char d = literal.charAt(i++);
            if (d == quote) {
                return sb.toString();
            }
            if (d == '\\' && i < n) {
                char e = literal.charAt(i++);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> e;
                });
            } else {
                sb.append(d);
            }
        }
        throw new FormulaException(line, col, "the string is not closed: add " + quote);
    }

    /** The tokens as the parser reads them, for the test that holds scanner and parser together. */
    static List<String> describeTokens(String text) {
        Parser parser = new Parser(text);
        parser.lex();
        return parser.tokens.stream().map(t -> t.kind + " " + t.line + ":" + t.column + " " + t.text).toList();
    }

    // ---- parser ----

    private Token peek() {
        return tokens.get(p);
    }

    private Token next() {
        return tokens.get(p++);
    }

    private boolean isOp(String op) {
        Token t = peek();
        return (t.kind == Kind.OP || t.kind == Kind.NAME) && t.text.equals(op);
    }

    private Ast expr() {
        if (++depth > MAX_DEPTH) {
            Token t = peek();
            throw error(t, "the formula nests deeper than " + MAX_DEPTH + " levels");
        }
        try {
            return or();
        } finally {
            depth--;
        }
    }

    private Ast or() {
        Ast left = and();
        while (isOp("or")) {
            Token t = next();
            left = new Ast.Binary("or", left, and(), t.line, t.column);
        }
        return left;
    }

    private Ast and() {
        Ast left = not();
        while (isOp("and")) {
            Token t = next();
            left = new Ast.Binary("and", left, not(), t.line, t.column);
        }
        return left;
    }

    private Ast not() {
        if (isOp("not")) {
            Token t = next();
            if (++depth > MAX_DEPTH) {
                throw error(t, "the formula nests deeper than " + MAX_DEPTH + " levels");
            }
            Ast operand = not();
            depth--;
            return new Ast.Unary("not", operand, t.line, t.column);
        }
        return comparison();
    }

    private Ast comparison() {
        Ast left = additive();
        Token t = peek();
        if (t.kind == Kind.OP && List.of("==", "!=", "<", "<=", ">", ">=").contains(t.text)) {
            next();
            Ast right = additive();
            Token again = peek();
            if (again.kind == Kind.OP && List.of("==", "!=", "<", "<=", ">", ">=").contains(again.text)) {
                throw error(again, "comparisons cannot be chained: write a < b and b < c");
            }
            return new Ast.Binary(t.text, left, right, t.line, t.column);
        }
        return left;
    }

    private Ast additive() {
        Ast left = term();
        while (isOp("+") || isOp("-")) {
            Token t = next();
            left = new Ast.Binary(t.text, left, term(), t.line, t.column);
        }
        return left;
    }

    private Ast term() {
        Ast left = unary();
        while (isOp("*") || isOp("/") || isOp("%")) {
            Token t = next();
            left = new Ast.Binary(t.text, left, unary(), t.line, t.column);
        }
        return left;
    }

    private Ast unary() {
        if (isOp("-") || isOp("+")) {
            Token t = next();
            if (++depth > MAX_DEPTH) {
                throw error(t, "the formula nests deeper than " + MAX_DEPTH + " levels");
            }
            Ast operand = unary();
            depth--;
            if (t.text.equals("-") && operand instanceof Ast.Num n) {
                return new Ast.Num(-n.value(), t.line, t.column);
            }
            return new Ast.Unary(t.text, operand, t.line, t.column);
        }
        return power();
    }

    private Ast power() {
        Ast base = primary();
        if (isOp("^")) {
            Token t = next();
            return new Ast.Binary("^", base, unary(), t.line, t.column);
        }
        return base;
    }

    private Ast primary() {
        Token t = next();
        switch (t.kind) {
            case NUMBER:
                return new Ast.Num(t.number, t.line, t.column);
            case STRING:
                return new Ast.Str(t.text, t.line, t.column);
            case TAG:
                return new Ast.Ref(t.text, t.line, t.column);
            case NAME:
                if (t.text.equals("true") || t.text.equals("false")) {
                    return new Ast.Bool(t.text.equals("true"), t.line, t.column);
                }
                if (t.text.equals("and") || t.text.equals("or")) {
                    throw error(t, "'" + t.text + "' needs a value on its left");
                }
                if (!isOp("(")) {
                    throw error(t, "unknown name '" + t.text + "': tag references are written in braces, e.g. {"
                            + t.text + "}, and functions are called with parentheses, e.g. " + t.text + "(…)");
                }
                next();
                List<Ast> args = new ArrayList<>();
                if (!isOp(")")) {
                    args.add(expr());
                    while (isOp(",")) {
                        next();
                        args.add(expr());
                    }
                }
                expect(")", "to close the argument list of " + t.text + "(");
                return new Ast.Call(t.text, List.copyOf(args), t.line, t.column);
            case OP:
                if (t.text.equals("(")) {
                    Ast inner = expr();
                    expect(")", "to close the parenthesis opened at line " + t.line + ", column " + t.column);
                    return inner;
                }
                throw error(t, "expected a value but found " + describe(t));
            default:
                throw error(t, "the formula ends too early: a value is missing");
        }
    }

    private void expect(String op, String why) {
        Token t = peek();
        if (!isOp(op)) {
            throw error(t, "expected '" + op + "' " + why + " but found " + describe(t));
        }
        next();
    }

    private FormulaException error(Token t, String reason) {
        return new FormulaException(t.line, t.column, reason);
    }

    private static String describe(Token t) {
        return switch (t.kind) {
            case END -> "the end of the formula";
            case NUMBER -> "the number " + t.text;
            case STRING -> "the string \"" + t.text + "\"";
            case TAG -> "the tag {" + t.text + "}";
            case NAME -> "'" + t.text + "'";
            case OP -> "'" + t.text + "'";
        };
    }
}
