package org.peresvet.formula.internal;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peresvet.formula.FormulaContext;
import org.peresvet.formula.FormulaException;
import org.peresvet.formula.FormulaFunction;
import org.peresvet.formula.FormulaType;
import org.peresvet.formula.TagRef;
import org.peresvet.formula.CompiledFormula;

/** Type-checks a parse tree and builds its closures; resolves tag references against the context. */
public final class Compiler {
    private final FormulaContext ctx;
    private final Map<String, TagRef> refs = new LinkedHashMap<>();
    private int calls;
    private boolean stateful;
    /** Stateful calls compiled so far: a node holds state when it raised the count. */
    private int statefulCalls;

    private Compiler(FormulaContext ctx) {
        this.ctx = ctx;
    }

    public static CompiledFormula compile(String text, FormulaContext ctx) {
        Ast ast = Parser.parse(text);
        Compiler c = new Compiler(ctx);
        Node root = c.node(ast);
        return new Program(text, root, new ArrayList<>(c.refs.values()), c.calls, c.stateful, ctx.zone());
    }

    /** Resolves a reference as written to an absolute path; null when it climbs above the root. */
    public static String resolvePath(String base, String written) {
        String joined = written.startsWith("/") ? written : (base.endsWith("/") ? base : base + "/") + written;
        Deque<String> parts = new ArrayDeque<>();
        for (String p : joined.split("/")) {
            String s = p.strip();
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** One method, no helper: a long flat sum ({a} + 1 + 1 + …) recurses once per term here. */
    private Node node(Ast ast) {
        int before = statefulCalls;
        Node n;
        if (ast instanceof Ast.Num x) {
            n = new Nodes.NumConst(x.value());
        } else if (ast instanceof Ast.Str x) {
            n = new Nodes.StrConst(x.value());
        } else if (ast instanceof Ast.Bool x) {
            n = new Nodes.BoolConst(x.value());
        } else if (ast instanceof Ast.Ref x) {
            n = ref(x);
        } else if (ast instanceof Ast.Unary x) {
            n = unary(x);
        } else if (ast instanceof Ast.Binary x) {
            n = binary(x);
        } else {
            n = call((Ast.Call) ast);
        }
        n.holdsState = statefulCalls > before;
        return n;
    }

    private Node ref(Ast.Ref r) {
        String path = resolvePath(ctx.basePath(), r.path());
        if (path == null) {
            throw error(r, "the tag reference {" + r.path() + "} goes above the root of the object tree");
        }
        TagRef known = refs.get(path);
        if (known != null) {
            return new Nodes.Ref(known.slot(), known.type());
        }
        FormulaContext.Resolved t = ctx.tag(path);
        if (t == null) {
            String shown = r.path().startsWith("/") ? r.path() : path;
            String hint = Suggest.closest(path, ctx.tagPaths());
            String relative = r.path().startsWith("/") ? "" : " (relative to " + ctx.basePath() + ")";
            throw error(r, "unknown tag {" + shown + "}" + relative + (hint == null ? "" : " — did you mean {" + hint + "}?"));
        }
        if (t.type() == null) {
            throw error(r, "the tag {" + path + "} is a " + t.typeLabel()
                    + " tag; formulas read numbers, booleans and strings");
        }
        TagRef ref = new TagRef(refs.size(), t.id(), path, t.type());
        refs.put(path, ref);
        return new Nodes.Ref(ref.slot(), ref.type());
    }

    private Node unary(Ast.Unary u) {
        Node a = node(u.operand());
        switch (u.op()) {
            case "-", "+" -> {
                if (!a.type.fits(FormulaType.NUMBER)) {
                    throw error(u, "'" + u.op() + "' needs a number, found " + a.type.label());
                }
                return u.op().equals("-") ? new Nodes.Neg(a) : a;
            }
            default -> {
                if (a.type != FormulaType.BOOL) {
                    throw error(u, "'not' needs a boolean, found " + a.type.label()
                            + (a.type == FormulaType.NUMBER ? " (compare it, e.g. not ({x} > 0))" : ""));
                }
                return new Nodes.Not(a);
            }
        }
    }

    private Node binary(Ast.Binary b) {
        Node l = node(b.left());
        Node r = node(b.right());
        String op = b.op();
        switch (op) {
            case "and", "or" -> {
                needBool(b, op, l, "left");
                needBool(b, op, r, "right");
                return op.equals("and") ? new Nodes.And(l, r) : new Nodes.Or(l, r);
            }
            case "==", "!=", "<", "<=", ">", ">=" -> {
                if (l.type == FormulaType.STRING && r.type == FormulaType.STRING) {
                    return new Nodes.StrCompare(op, l, r);
                }
                if (l.type == FormulaType.STRING || r.type == FormulaType.STRING) {
                    throw error(b, "'" + op + "' cannot compare " + l.type.label() + " with " + r.type.label());
                }
                return new Nodes.NumCompare(op, l, r);
            }
            case "+" -> {
                if (l.type == FormulaType.STRING || r.type == FormulaType.STRING) {
                    return new Nodes.Concat(l, r);
                }
                return new Nodes.Add(l, r);
            }
            default -> {
                needNumber(b, op, l, "left");
                needNumber(b, op, r, "right");
                return switch (op) {
                    case "-" -> new Nodes.Sub(l, r);
                    case "*" -> new Nodes.Mul(l, r);
                    case "/" -> new Nodes.Div(l, r);
                    case "%" -> new Nodes.Mod(l, r);
                    default -> new Nodes.Pow(l, r);
                };
            }
        }
    }

    private void needBool(Ast.Binary b, String op, Node n, String side) {
        if (n.type != FormulaType.BOOL) {
            throw error(b, "'" + op + "' needs booleans, found " + n.type.label() + " on the " + side
                    + (n.type == FormulaType.NUMBER ? " (compare it, e.g. {x} > 0)" : ""));
        }
    }

    private void needNumber(Ast.Binary b, String op, Node n, String side) {
        if (!n.type.fits(FormulaType.NUMBER)) {
            throw error(b, "'" + op + "' needs numbers, found " + n.type.label() + " on the " + side);
        }
    }

    private Node call(Ast.Call c) {
        FormulaFunction fn = ctx.functions().get(c.name());
        if (fn == null) {
            List<String> names = ctx.functions().all().stream().map(FormulaFunction::name).toList();
            String hint = Suggest.closest(c.name(), names);
            throw error(c, "unknown function " + c.name() + "()" + (hint == null ? "" : " — did you mean " + hint + "()?"));
        }
        Node[] args = new Node[c.args().size()];
        List<FormulaType> types = new ArrayList<>(args.length);
        for (int i = 0; i < args.length; i++) {
            args[i] = node(c.args().get(i));
            types.add(args[i].type);
        }
        FormulaType result;
        try {
            result = fn.resultType(types);
        } catch (IllegalArgumentException e) {
            throw error(c, c.name() + "(): " + e.getMessage() + " — usage: " + fn.usage());
        }
        stateful |= fn.stateful();
        if (fn.stateful()) {
            statefulCalls++;
        }
        return new Nodes.Call(fn, args, calls++, result);
    }

    private static FormulaException error(Ast at, String reason) {
        return new FormulaException(at.line(), at.column(), reason);
    }
}
