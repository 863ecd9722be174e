package org.peresvet.model;

/**
 * A model edit or import was refused. Nothing was changed. {@link #where()} names the object or
 * tag path (or the line / JSON path of an imported document), {@link #field()} the property.
 * The message is always one line: control characters in the parts are escaped, an overlong one cut
 * (see {@link Quoted}).
 */
public class ModelException extends RuntimeException {
    private final String where;
    private final String field;
    private final String reason;

    public ModelException(String where, String field, String reason) {
        super(compose(where, field, reason));
        this.where = where;
        this.field = field;
        this.reason = reason;
    }

    private static String compose(String where, String field, String reason) {
        StringBuilder sb = new StringBuilder();
        if (where != null && !where.isEmpty()) {
            sb.append(where).append(": ");
        }
        if (field != null && !field.isEmpty()) {
            sb.append(field).append(": ");
        }
        // Names and values in the parts come from files and requests: one safe line, whatever they hold.
        return Quoted.line(sb.append(reason).toString());
    }

    public String where() {
        return where;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
