package org.virtxml.normalizer.platform;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.virtxml.model.DomainMetadata;
import org.virtxml.model.Extensible;
import org.virtxml.model.ModelObject;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.Stage;

/**
 * Drops what libvirt's parser never reads: attributes and child elements the domain format does not have (a typo
 * such as {@code <addres>}, or another driver's extension). The model keeps them so that {@code format} loses
 * nothing, but {@code virsh define} + {@code dumpxml} prints a domain without them; only {@code <metadata>} keeps
 * foreign elements, and the QEMU namespace has a model of its own.
 */
public final class UnknownContent implements Stage {
    /** The fields of each model class (and its superclasses) that can hold model objects, found once per class. */
    private static final ConcurrentHashMap<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

    @Override
    public void apply(NormalizeContext ctx) {
        strip(ctx.domain(), Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void strip(ModelObject o, Set<ModelObject> seen) {
        if (!seen.add(o)) {
            return; // a shared or back reference: already done
        }
        if (o.hasOtherAttributes()) {
            o.getOtherAttributes().clear();
        }
        if (o instanceof Extensible e && !(o instanceof DomainMetadata)) {
            e.getOtherElements().clear();
        }
        for (Field f : fields(o.getClass())) {
            Object v;
            try {
                v = f.get(o);
            } catch (IllegalAccessException ex) {
                throw new IllegalStateException(ex);
            }
            if (v instanceof ModelObject m) {
                strip(m, seen);
            } else if (v instanceof Collection<?> c) {
                for (Object item : c) {
                    if (item instanceof ModelObject m) {
                        strip(m, seen);
                    }
                }
            }
        }
    }

    private static List<Field> fields(Class<?> type) {
        return FIELDS.computeIfAbsent(type, t -> {
            List<Field> out = new ArrayList<>();
            for (Class<?> c = t; c != null && c != ModelObject.class && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()
                            || f.getType() == String.class || Number.class.isAssignableFrom(f.getType())
                            || f.getType().isEnum()) {
                        continue;
                    }
                    f.setAccessible(true);
                    out.add(f);
                }
            }
            return out;
        });
    }
}
