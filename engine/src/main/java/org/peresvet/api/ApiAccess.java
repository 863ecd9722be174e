package org.peresvet.api;

/** What a request does, so an {@link ApiAuthorizer} can grant it by role. */
public enum ApiAccess {
    /** Reading values, history, the model, the live stream, health, metrics, the OpenAPI document. */
    READ,
    /** Writing samples ({@code POST /v1/data/}). */
    WRITE_DATA,
    /** Creating, changing, moving, copying and deleting objects and tags. */
    EDIT_MODEL,
    /** Operating alarms: acknowledge, shelve, unshelve, reset, out of service and back. */
    OPERATE_ALARMS
}
