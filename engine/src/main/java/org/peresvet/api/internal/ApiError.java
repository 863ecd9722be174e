package org.peresvet.api.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request that cannot be served, answered as
 * {@code {"status":400,"error":"Bad Request","field":"$.data[0].tagId","message":"…"}}.
 * {@code field} names the offending URL parameter or the JSON path into the body.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String field;
    private final transient ObjectNode extra;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiError(int status, String field, String message) {
        this(status, field, message, null);
    }

    public ApiError(int status, String field, String message, ObjectNode extra) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
        this.extra = extra;
    }

    public static ApiError badRequest(String field, String message) {
        return new ApiError(400, field, message);
    }

    public static ApiError notFound(String field, String message) {
        return new ApiError(404, field, message);
    }

    public static ApiError conflict(String field, String message) {
        return new ApiError(409, field, message);
    }

    public ApiError header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    /** More members of the error document (e.g. the references of a refused delete), or null. */
    public ObjectNode extra() {
        return extra;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 411 -> "Length Required";
            case 414 -> "URI Too Long";
            case 421 -> "Misdirected Request";
            case 431 -> "Request Header Fields Too Large";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            case 507 -> "Insufficient Storage";
            default -> "HTTP " + status;
        };
    }
}
