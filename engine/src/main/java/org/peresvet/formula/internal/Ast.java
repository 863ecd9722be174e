package org.peresvet.formula.internal;

import java.util.List;

/** The parse tree of a formula; every node knows where it starts in the text. */
public sealed interface Ast {
    int line();

    int column();

    record Num(double value, int line, int column) implements Ast {
    }

    record Str(String value, int line, int column) implements Ast {
    }

    record Bool(boolean value, int line, int column) implements Ast {
    }

    /** A tag reference as written between braces. */
    record Ref(String path, int line, int column) implements Ast {
    }

    record Unary(String op, Ast operand, int line, int column) implements Ast {
    }

    record Binary(String op, Ast left, Ast right, int line, int column) implements Ast {
    }

    record Call(String name, List<Ast> args, int line, int column) implements Ast {
    }
}
