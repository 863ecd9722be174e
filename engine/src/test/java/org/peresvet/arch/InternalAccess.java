package org.peresvet.arch;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * A class reaches an {@code internal} package only when it belongs to the package that owns it
 * ({@code org.peresvet.connector.internal} from {@code org.peresvet.connector..}).
 */
final class InternalAccess extends ArchCondition<JavaClass> {

    InternalAccess() {
        super("reach internal packages of their own capability only");
    }

    @Override
    public void check(JavaClass item, ConditionEvents events) {
        String origin = item.getPackageName();
        for (Dependency d : item.getDirectDependenciesFromSelf()) {
            String target = d.getTargetClass().getBaseComponentType().getPackageName();
            int i = target.indexOf(".internal");
            if (!target.startsWith("org.peresvet.") || i < 0) {
                continue;
            }
            String owner = target.substring(0, i);
            if (!origin.equals(owner) && !origin.startsWith(owner + ".")) {
                events.add(SimpleConditionEvent.violated(d, d.getDescription()));
            }
        }
    }
}
