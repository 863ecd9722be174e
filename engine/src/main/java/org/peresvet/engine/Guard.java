package org.peresvet.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.peresvet.method.MethodResult;
import org.peresvet.model.Actor;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.MethodDef;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.security.AccessDeniedException;
import org.peresvet.security.AuditEntry;
import org.peresvet.security.Permission;
import org.peresvet.security.ReasonRequiredException;
import org.peresvet.security.ReasonRule;
import org.peresvet.security.ReasonRules;
import org.peresvet.security.Security;

/**
 * The facade's check and record around every call that changes something: the actor's permission
 * on the target is checked first (a refused call changes nothing and throws naming the missing
 * permission), then the call runs, and exactly one audit record says who did what, from where, to
 * what, and how it ended.
 */
final class Guard {
    private final Security security;
    private final Supplier<ModelSnapshot> model;

    Guard(Security security, Supplier<ModelSnapshot> model) {
        this.security = security;
        this.model = model;
    }

    Security security() {
        return security;
    }

    /** One permission needed on one object (null: the whole project). */
    record Need(Permission permission, UUID objectId) {
    }

    /** What a call is, for its audit record. */
    record What(String action, String target, String oldValue, String newValue, String reason) {
    }

    /** Refuses when any need is not met; nothing is recorded. */
    void check(Actor actor, List<Need> needs) {
        for (Need n : needs) {
            security.access().check(actor, n.permission(), n.objectId());
        }
    }

    /**
     * Checks the permissions and the "reason required" rules; a refusal is recorded, then thrown.
     *
     * @throws AccessDeniedException     a permission is missing
     * @throws ReasonRequiredException a rule wants a reason and the call gives none
     */
    void admit(Actor actor, List<Need> needs, What what) {
        try {
            check(actor, needs);
        } catch (AccessDeniedException e) {
            record(actor, what, "refused: " + e.permission());
            throw e;
        }
        ReasonRule rule = reasonRule(actor, needs, what);
        if (rule != null) {
            record(actor, what, "refused: reason required");
            String path = rule.objectId() == null ? null : objectPath(rule.objectId());
            String where = path == null ? "anywhere in the project" : "on " + path;
            throw new ReasonRequiredException(rule, path, "a reason is required for " + rule.permission() + " " + where
                    + " (rule of the project's security settings): give one with the change");
        }
    }

    /**
     * The rule that wants a reason the call does not give (null: none). Asked of people only: the
     * engine, service principals (gateways, the API's shared token) and the command line give none.
     */
    private ReasonRule reasonRule(Actor actor, List<Need> needs, What what) {
        ReasonRules rules = security.reasonRules();
        if (rules.isEmpty() || actor.kind() != Actor.Kind.PERSON || reasonOf(actor, what) != null) {
            return null;
        }
        ModelSnapshot m = model.get();
        for (Need n : needs) {
            ReasonRule r = rules.required(n.permission(), n.objectId(), m);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /** The rule that wants a reason for {@code permission} on the object (null: none). */
    ReasonRule reasonRequired(Permission permission, UUID objectId) {
        return security.reasonRules().required(permission, objectId, model.get());
    }

    /** The call's own reason (an alarm comment) or else the one the actor gives. */
    private static String reasonOf(Actor actor, What what) {
        return what.reason() != null && !what.reason().isBlank() ? what.reason() : actor.reason();
    }

    /**
     * Checks, runs and records. A refusal and a failure are recorded too, then thrown as they were.
     *
     * @param outcome turns the call's answer into the record's result ("ok", "no change"…)
     */
    <T> T run(Actor actor, List<Need> needs, What what, Supplier<T> call, Function<T, String> outcome) {
        admit(actor, needs, what);
        security.audit().checkAccepting(); // a change that cannot be recorded does not happen
        T result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            record(actor, what, "failed: " + e.getMessage());
            throw e;
        }
        record(actor, what, outcome == null ? "ok" : outcome.apply(result));
        return result;
    }

    <T> T run(Actor actor, Need need, What what, Supplier<T> call) {
        return run(actor, List.of(need), what, call, null);
    }

    void record(Actor actor, What what, String result) {
        security.audit().append(new AuditEntry(Micros.now(), actor.name(), actor.origin(), what.action(), what.target(),
                what.oldValue(), what.newValue(), reasonOf(actor, what), result));
    }

    /**
     * One record per method run that no person started: a schedule's tick or an event (an alarm
     * transition) is the actor, as a system principal, and the method the target. Manual runs are
     * recorded by the facade's own check; tag-triggered runs (one per sample) are not recorded.
     */
    void methodRun(MethodResult r) {
        String init = r.initiator() == null ? "" : r.initiator();
        Actor actor;
        if (init.startsWith("schedule ")) {
            actor = new Actor(init, "schedule", null, Actor.Kind.SYSTEM);
        } else if (init.startsWith("event ")) {
            actor = new Actor(init.equals("event AlarmEvent") ? "alarm" : init, "event", null, Actor.Kind.SYSTEM);
        } else {
            return;
        }
        MethodDef m = model.get().method(r.methodId());
        String target = m == null ? r.name() : objectPath(m.objectId()).replaceAll("/$", "") + "/" + m.name();
        record(actor, new What("method.run", target, null, r.value() == null ? null : String.valueOf(r.value()), null),
                r.ok() ? "ok" : "failed: " + r.failure());
    }

    // ---- targets ----

    /** The model the checks read now. */
    ModelSnapshot model() {
        return model.get();
    }

    /** The object a tag belongs to (null when the tag is unknown: the write rules refuse it then). */
    UUID objectOfTag(UUID tagId) {
        TagDef t = model.get().tag(tagId);
        return t == null ? null : t.objectId();
    }

    UUID objectOfAlarm(UUID alarmId) {
        ModelSnapshot m = model.get();
        AlarmDef a = m.alarm(alarmId);
        TagDef t = a == null ? null : m.tag(a.tagId());
        return t == null ? null : t.objectId();
    }

    String tagPath(UUID tagId) {
        String p = model.get().tagPath(tagId);
        return p == null ? String.valueOf(tagId) : p;
    }

    String alarmPath(UUID alarmId) {
        String p = model.get().alarmPath(alarmId);
        return p == null ? String.valueOf(alarmId) : p;
    }

    String objectPath(UUID objectId) {
        if (objectId == null) {
            return "/";
        }
        String p = model.get().objectPath(objectId);
        return p == null ? String.valueOf(objectId) : p;
    }

    /** What each edit needs: EDIT_MODEL where it lands (and where it came from), MANAGE_CONNECTORS for connectors. */
    static List<Need> needs(ModelSnapshot m, List<ModelEdit> edits) {
        List<Need> out = new ArrayList<>();
        for (ModelEdit e : edits) {
            if (e instanceof ModelEdit.PutObject p) {
                ObjectDef old = m.object(p.object().id());
                if (old != null) {
                    out.add(new Need(Permission.EDIT_MODEL, old.id()));
                }
                if (old == null || !Objects.equals(old.parentId(), p.object().parentId())) {
                    out.add(new Need(Permission.EDIT_MODEL, p.object().parentId()));
                }
            } else if (e instanceof ModelEdit.DeleteObject d) {
                out.add(new Need(Permission.EDIT_MODEL, d.id()));
            } else if (e instanceof ModelEdit.PutTag p) {
                TagDef old = m.tag(p.tag().id());
                if (old != null && !old.objectId().equals(p.tag().objectId())) {
                    out.add(new Need(Permission.EDIT_MODEL, old.objectId()));
                }
                out.add(new Need(Permission.EDIT_MODEL, p.tag().objectId()));
            } else if (e instanceof ModelEdit.DeleteTag d) {
                out.add(new Need(Permission.EDIT_MODEL, tagObject(m, d.id())));
            } else if (e instanceof ModelEdit.PutAlarm p) {
                AlarmDef old = m.alarm(p.alarm().id());
                if (old != null) {
                    out.add(new Need(Permission.EDIT_MODEL, tagObject(m, old.tagId())));
                }
                out.add(new Need(Permission.EDIT_MODEL, tagObject(m, p.alarm().tagId())));
            } else if (e instanceof ModelEdit.DeleteAlarm d) {
                AlarmDef old = m.alarm(d.id());
                out.add(new Need(Permission.EDIT_MODEL, old == null ? null : tagObject(m, old.tagId())));
            } else if (e instanceof ModelEdit.PutMethod p) {
                MethodDef old = m.method(p.method().id());
                if (old != null && !Objects.equals(old.objectId(), p.method().objectId())) {
                    out.add(new Need(Permission.EDIT_MODEL, old.objectId()));
                }
                out.add(new Need(Permission.EDIT_MODEL, p.method().objectId()));
            } else if (e instanceof ModelEdit.DeleteMethod d) {
                MethodDef old = m.method(d.id());
                out.add(new Need(Permission.EDIT_MODEL, old == null ? null : old.objectId()));
            } else if (e instanceof ModelEdit.PutConnector || e instanceof ModelEdit.DeleteConnector) {
                out.add(new Need(Permission.MANAGE_CONNECTORS, null));
            } else {
                out.add(new Need(Permission.EDIT_MODEL, null)); // schedules belong to the whole project
            }
        }
        return out.stream().distinct().toList();
    }

    private static UUID tagObject(ModelSnapshot m, UUID tagId) {
        TagDef t = tagId == null ? null : m.tag(tagId);
        return t == null ? null : t.objectId();
    }

    /** A short account of edits for the audit record: "create tag /Plant/Pump/Speed; delete object /Plant/Old (+3 more)". */
    static String describe(ModelSnapshot m, List<ModelEdit> edits) {
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (ModelEdit e : edits) {
            if (shown == 5) {
                sb.append(" (+").append(edits.size() - shown).append(" more)");
                break;
            }
            if (shown > 0) {
                sb.append("; ");
            }
            sb.append(describe(m, e));
            shown++;
        }
        return sb.toString();
    }

    private static String describe(ModelSnapshot m, ModelEdit e) {
        if (e instanceof ModelEdit.PutObject p) {
            return (m.object(p.object().id()) == null ? "create object " : "change object ")
                    + m.objectPath(p.object().parentId()) + "/" + p.object().name();
        } else if (e instanceof ModelEdit.DeleteObject d) {
            return "delete object " + pathOr(m.objectPath(d.id()), d.id());
        } else if (e instanceof ModelEdit.PutTag p) {
            return (m.tag(p.tag().id()) == null ? "create tag " : "change tag ") + m.objectPath(p.tag().objectId()) + "/"
                    + p.tag().name();
        } else if (e instanceof ModelEdit.DeleteTag d) {
            return "delete tag " + pathOr(m.tagPath(d.id()), d.id());
        } else if (e instanceof ModelEdit.PutAlarm p) {
            return (m.alarm(p.alarm().id()) == null ? "create alarm " : "change alarm ")
                    + pathOr(m.tagPath(p.alarm().tagId()), p.alarm().tagId()) + "#" + p.alarm().name();
        } else if (e instanceof ModelEdit.DeleteAlarm d) {
            return "delete alarm " + pathOr(m.alarmPath(d.id()), d.id());
        } else if (e instanceof ModelEdit.PutMethod p) {
            return (m.method(p.method().id()) == null ? "create method " : "change method ") + p.method().name();
        } else if (e instanceof ModelEdit.DeleteMethod d) {
            MethodDef old = m.method(d.id());
            return "delete method " + (old == null ? d.id() : old.name());
        } else if (e instanceof ModelEdit.PutSchedule p) {
            return (m.schedule(p.schedule().id()) == null ? "create schedule " : "change schedule ") + p.schedule().name();
        } else if (e instanceof ModelEdit.DeleteSchedule d) {
            return "delete schedule " + (m.schedule(d.id()) == null ? d.id() : m.schedule(d.id()).name());
        } else if (e instanceof ModelEdit.PutConnector p) {
            return (m.connector(p.connector().id()) == null ? "create connector " : "change connector ") + p.connector().name();
        } else if (e instanceof ModelEdit.DeleteConnector d) {
            return "delete connector " + (m.connector(d.id()) == null ? d.id() : m.connector(d.id()).name())
                    + (d.force() ? " (forced)" : "");
        }
        return e.toString();
    }

    private static String pathOr(String path, Object fallback) {
        return path != null ? path : String.valueOf(fallback);
    }
}
