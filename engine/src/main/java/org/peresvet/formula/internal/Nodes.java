package org.peresvet.formula.internal;

import org.peresvet.formula.FormulaFunction;
import org.peresvet.formula.FormulaType;
import org.peresvet.model.Sample;

/** The node kinds the compiler builds. */
final class Nodes {
    private Nodes() {
    }

    static final class NumConst extends Node {
        final double v;

        NumConst(double v) {
            super(FormulaType.NUMBER);
            this.v = v;
        }

        @Override
        double num(Frame f) {
            return v;
        }

        @Override
        boolean constant() {
            return true;
        }
    }

    static final class BoolConst extends Node {
        final boolean v;

        BoolConst(boolean v) {
            super(FormulaType.BOOL);
            this.v = v;
        }

        @Override
        boolean bool(Frame f) {
            return v;
        }

        @Override
        boolean constant() {
            return true;
        }
    }

    static final class StrConst extends Node {
        final String v;

        StrConst(String v) {
            super(FormulaType.STRING);
            this.v = v;
        }

        @Override
        String str(Frame f) {
            return v;
        }

        @Override
        boolean constant() {
            return true;
        }
    }

    /** Reads an input; a missing or bad sample marks the frame bad and gives NaN / false / "". */
    static final class Ref extends Node {
        final int slot;

        Ref(int slot, FormulaType type) {
            super(type);
            this.slot = slot;
        }

        private Object read(Frame f) {
            Sample s = f.src.get(slot);
            if (s == null) {
                f.bad(null);
                return null;
            }
            Integer q = s.q();
            if (q != null && q != 0) {
                f.bad(q);
                return null;
            }
            Object y = s.y();
            if (y == null) {
                f.bad(null);
            }
            return y;
        }

        @Override
        double num(Frame f) {
            Object y = read(f);
            if (y instanceof Double d) {
                return d;
            }
            if (y instanceof Number n) {
                return n.doubleValue();
            }
            if (y instanceof Boolean b) {
                return b ? 1 : 0;
            }
            if (y != null) {
                throw new EvalError("input " + slot + " holds '" + y + "', not a number");
            }
            return Double.NaN;
        }

        @Override
        boolean bool(Frame f) {
            Object y = read(f);
            if (y instanceof Boolean b) {
                return b;
            }
            if (y instanceof Number n) {
                return n.doubleValue() != 0;
            }
            return false;
        }

        @Override
        String str(Frame f) {
            Object y = read(f);
            return y == null ? "" : Texts.of(y);
        }
    }

    static final class Neg extends Node {
        final Node a;

        Neg(Node a) {
            super(FormulaType.NUMBER);
            this.a = a;
        }

        @Override
        double num(Frame f) {
            return -a.num(f);
        }
    }

    static final class Not extends Node {
        final Node a;

        Not(Node a) {
            super(FormulaType.BOOL);
            this.a = a;
        }

        @Override
        boolean bool(Frame f) {
            return !a.bool(f);
        }
    }

    static final class Add extends Node {
        final Node a;
        final Node b;

        Add(Node a, Node b) {
            super(FormulaType.NUMBER);
            this.a = a;
            this.b = b;
        }

        @Override
        double num(Frame f) {
            return a.num(f) + b.num(f);
        }
    }

    static final class Sub extends Node {
        final Node a;
        final Node b;

        Sub(Node a, Node b) {
            super(FormulaType.NUMBER);
            this.a = a;
            this.b = b;
        }

        @Override
        double num(Frame f) {
            return a.num(f) - b.num(f);
        }
    }

    static final class Mul extends Node {
        final Node a;
        final Node b;

        Mul(Node a, Node b) {
            super(FormulaType.NUMBER);
            this.a = a;
            this.b = b;
        }

        @Override
        double num(Frame f) {
            return a.num(f) * b.num(f);
        }
    }

    static final class Div extends Node {
        final Node a;
        final Node b;

        Div(Node a, Node b) {
            super(FormulaType.NUMBER);
            this.a = a;
            this.b = b;
        }

        @Override
        double num(Frame f) {
            double x = a.num(f);
            double y = b.num(f);
            if (y == 0) {
                throw new EvalError("division by zero");
            }
            return x / y;
        }
    }

    static final class Mod extends Node {
        final Node a;
        final Node b;

        Mod(Node a, Node b) {
            super(FormulaType.NUMBER);
            this.a = a;
            this.b = b;
        }

        @Override
        double num(Frame f) {
            double x = a.num(f);
            double y = b.num(f);
            if (y == 0) {
                throw new EvalError("remainder of a division by zero");
            }
            return x % y;
        }
    }

    static final class Pow extends Node {
        final Node a;
        final Node b;

        Pow(Node a, Node b) {
            super(FormulaType.NUMBER);
            this.a = a;
            this.b = b;
        }

        @Override
        double num(Frame f) {
            return Math.pow(a.num(f), b.num(f));
        }
    }

    static final class Concat extends Node {
        final Node a;
        final Node b;

        Concat(Node a, Node b) {
            super(FormulaType.STRING);
            this.a = a;
            this.b = b;
        }

        @Override
        String str(Frame f) {
            return a.str(f) + b.str(f);
        }
    }

    static final class And extends Node {
        final Node a;
        final Node b;

        And(Node a, Node b) {
            super(FormulaType.BOOL);
            this.a = a;
            this.b = b;
        }

        @Override
        boolean bool(Frame f) {
            if (!a.bool(f)) {
                f.feed(b);
                return false;
            }
            return b.bool(f);
        }
    }

    static final class Or extends Node {
        final Node a;
        final Node b;

        Or(Node a, Node b) {
            super(FormulaType.BOOL);
            this.a = a;
            this.b = b;
        }

        @Override
        boolean bool(Frame f) {
            if (a.bool(f)) {
                f.feed(b);
                return true;
            }
            return b.bool(f);
        }
    }

    /** Comparison of numbers (booleans count as 1 / 0). */
    static final class NumCompare extends Node {
        final Node a;
        final Node b;
        final int op;

        NumCompare(String op, Node a, Node b) {
            super(FormulaType.BOOL);
            this.a = a;
            this.b = b;
            this.op = opCode(op);
        }

        @Override
        boolean bool(Frame f) {
            double x = a.num(f);
            double y = b.num(f);
            return switch (op) {
                case 0 -> x == y;
                case 1 -> x != y;
                case 2 -> x < y;
                case 3 -> x <= y;
                case 4 -> x > y;
                default -> x >= y;
            };
        }
    }

    static final class StrCompare extends Node {
        final Node a;
        final Node b;
        final int op;

        StrCompare(String op, Node a, Node b) {
            super(FormulaType.BOOL);
            this.a = a;
            this.b = b;
            this.op = opCode(op);
        }

        @Override
        boolean bool(Frame f) {
            int c = a.str(f).compareTo(b.str(f));
            return switch (op) {
                case 0 -> c == 0;
                case 1 -> c != 0;
                case 2 -> c < 0;
                case 3 -> c <= 0;
                case 4 -> c > 0;
                default -> c >= 0;
            };
        }
    }

    static int opCode(String op) {
        return switch (op) {
            case "==" -> 0;
            case "!=" -> 1;
            case "<" -> 2;
            case "<=" -> 3;
            case ">" -> 4;
            case ">=" -> 5;
            default -> throw new IllegalArgumentException(op);
        };
    }

    /** A function call; sets the frame's argument view for the call and restores it after. */
    static final class Call extends Node {
        final FormulaFunction fn;
        final Node[] args;
        final int index;

        Call(FormulaFunction fn, Node[] args, int index, FormulaType type) {
            super(type);
            this.fn = fn;
            this.args = args;
            this.index = index;
        }

        @Override
        double num(Frame f) {
            Node[] savedArgs = f.args;
            int savedCall = f.call;
            f.args = args;
            f.call = index;
            try {
                return fn.applyNumber(f);
            } finally {
                f.args = savedArgs;
                f.call = savedCall;
            }
        }

        @Override
        Object value(Frame f) {
            Node[] savedArgs = f.args;
            int savedCall = f.call;
            f.args = args;
            f.call = index;
            try {
                return fn.apply(f);
            } finally {
                f.args = savedArgs;
                f.call = savedCall;
            }
        }

        @Override
        boolean bool(Frame f) {
            Object v = value(f);
            if (v instanceof Boolean b) {
                return b;
            }
            throw new EvalError(fn.name() + "() returned " + v + ", not a boolean");
        }

        @Override
        String str(Frame f) {
            return Texts.of(value(f));
        }
    }
}
