import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Shrinks library jars of which the app uses a small part, keeping only the classes (and, for some,
 * the methods) it can reach.
 *
 * <pre>
 *   java installer/ShrinkJars.java DIR PREFIX... [methods:PREFIX...] [--no-local-variables-except=PREFIX,...]
 * </pre>
 *
 * The jars in DIR whose file name starts with one of the PREFIXes are shrunk; every other jar in
 * DIR is kept whole and its classes are the roots.
 *
 * <p><b>Class level</b> (PREFIX): a shrunk jar keeps the classes reachable from the roots, from the
 * classes named in any jar's {@code META-INF/services} files (libraries that find their
 * implementations with ServiceLoader) and from its own annotation types, plus every resource that
 * is not a class. A class reaches every name in its constant pool: class entries, the {@code L...;}
 * types of descriptors and generic signatures (fields, methods, annotations), and string constants
 * that spell a class name (for {@code Class.forName("...")}); a class also reaches the nested
 * classes its InnerClasses attribute lists.
 *
 * <p><b>Method level</b> ({@code methods:PREFIX}, for a library whose classes all reach each other,
 * such as eclipse-collections): a class of such a jar is kept only when kept code names it, and of
 * its methods only those that can be called. A method name with its descriptor is <i>called</i>
 * when any kept code invokes it on any class (virtual calls are over-approximated by name and
 * descriptor, so every override of a called method stays), when it is a method of a JDK type
 * the class extends or implements (the JDK may call it: equals, iterator, ...), when it is a
 * lambda's target, for serialization, or when code that looks methods up by name (getMethod,
 * MethodHandles.Lookup.find*) has a string constant equal to its name. Static initializers stay.
 * Kept code names the classes of the constant-pool entries its instructions, exception handlers
 * and stack-map frames use, and the method's own descriptor; fields all stay. A service implementation of such a jar stays with
 * its no-argument constructor when its service interface is kept. Kept methods lose their
 * LocalVariableTable (line numbers stay, for stack traces); the constant pool stays as it is.
 *
 * <p>With {@code --no-local-variables-except=}, every other jar of DIR (except those PREFIXes) is
 * written again with its classes' local variable tables dropped too.
 *
 * <p>Reflection on computed names is not seen: the installer test starts the image to prove the
 * result. A signed jar loses its signature (the files under META-INF that sign it and the
 * manifest's per-entry digests): it is no longer the jar that was signed, and the JVM's class-data
 * sharing skips signed jars. Prints each jar's size before and after. Needs nothing but a JDK 17.
 */
public final class ShrinkJars {
    private static final String CLASS = ".class";
    private static final String VERSIONS = "META-INF/versions/";
    private static final String SERVICES = "META-INF/services/";
    private static final String METHODS = "methods:";
    private static final String NO_LOCALS = "--no-local-variables-except=";
    private static final int ACC_ANNOTATION = 0x2000;
    private static final int ACC_ENUM = 0x4000;
    /** Methods serialization calls by name on any Serializable class. */
    private static final List<String> SERIALIZATION = List.of("writeObject(Ljava/io/ObjectOutputStream;)V",
            "readObject(Ljava/io/ObjectInputStream;)V", "readObjectNoData()V", "writeReplace()Ljava/lang/Object;",
            "readResolve()Ljava/lang/Object;");

    /** Every class of the shrunk jars by its internal name (a/b/C), with its class files (a multi-release jar may have more). */
    private final Map<String, List<byte[]>> shrinkable = new HashMap<>();
    /** The classes of the jars shrunk at method level. */
    private final Set<String> byMethod = new HashSet<>();
    private final Set<String> reached = new HashSet<>();
    private final Deque<String> queue = new ArrayDeque<>();

    /** Method level: the names with descriptors (nameDesc) that kept code may call. */
    private final Set<String> called = new HashSet<>();
    /** Method level: the methods of reached classes not kept yet, by nameDesc. */
    private final Map<String, List<MemberRef>> waiting = new HashMap<>();
    /** Method level: string constants of kept code, which may name a method for reflection (getMethod("name", ...)). */
    private final Set<String> namedInStrings = new HashSet<>();
    /** Method level: the methods of reached classes not kept yet, by name alone. */
    private final Map<String, List<MemberRef>> waitingByName = new HashMap<>();
    /** Method level: the kept methods of each class file, by the file's identity. */
    private final Map<byte[], Set<Integer>> keptMethods = new HashMap<>();
    /** Method level: service interface -> the implementations its jars list. */
    private final Map<String, List<String>> serviceImpls = new HashMap<>();
    /** Method level: methods kept by name whatever calls (a service implementation's constructor), by class. */
    private final Map<String, Set<String>> forced = new HashMap<>();
    /** JDK types whose methods are already called. */
    private final Set<String> jdkTypesSeen = new HashSet<>();
    private final Deque<Runnable> work = new ArrayDeque<>();
    /** Every rewritten class file loses its local variable tables (names of locals for debuggers; line numbers stay). */
    private boolean dropLocals;

    private ShrinkJars() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java installer/ShrinkJars.java DIR PREFIX... [methods:PREFIX...] [--no-local-variables-except=PREFIX,...]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        List<String> prefixes = new ArrayList<>();
        List<String> methodPrefixes = new ArrayList<>();
        List<String> keepLocals = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith(NO_LOCALS)) {
                keepLocals = List.of(args[i].substring(NO_LOCALS.length()).split(","));
            } else if (args[i].startsWith(METHODS)) {
                methodPrefixes.add(args[i].substring(METHODS.length()));
            } else {
                prefixes.add(args[i]);
            }
        }
        List<Path> shrink = new ArrayList<>();
        List<Path> byMethodJars = new ArrayList<>();
        List<Path> whole = new ArrayList<>();
        try (Stream<Path> jars = Files.list(dir)) {
            jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(p -> {
                String name = p.getFileName().toString();
                if (methodPrefixes.stream().anyMatch(name::startsWith)) {
                    byMethodJars.add(p);
                    shrink.add(p);
                } else if (prefixes.stream().anyMatch(name::startsWith)) {
                    shrink.add(p);
                } else {
                    whole.add(p);
                }
            });
        }
        List<String> all = new ArrayList<>(prefixes);
        all.addAll(methodPrefixes);
        for (String prefix : all) {
            if (shrink.stream().noneMatch(p -> p.getFileName().toString().startsWith(prefix))) {
                System.out.println("ShrinkJars: no jar " + prefix + "* in " + dir + " (nothing to shrink for it)");
            }
        }
        ShrinkJars shrinker = new ShrinkJars();
        shrinker.dropLocals = keepLocals != null;
        shrinker.run(shrink, byMethodJars, whole);
        if (keepLocals != null) {
            List<String> except = keepLocals;
            long before = 0;
            long after = 0;
            for (Path jar : whole) {
                if (except.stream().noneMatch(jar.getFileName().toString()::startsWith)) {
                    before += Files.size(jar);
                    shrinker.rewrite(jar, false);
                    after += Files.size(jar);
                }
            }
            System.out.printf("ShrinkJars: local variable tables dropped from the other jars: %.2f MB -> %.2f MB%n", before / 1e6, after / 1e6);
        }
    }

    private void run(List<Path> shrink, List<Path> byMethodJars, List<Path> whole) throws IOException {
        for (Path jar : shrink) {
            boolean methods = byMethodJars.contains(jar);
            forEachEntry(jar, (name, bytes) -> {
                String cls = className(name);
                if (cls != null) {
                    shrinkable.computeIfAbsent(cls, k -> new ArrayList<>()).add(bytes.get());
                    if (methods) {
                        byMethod.add(cls);
                    }
                } else if (methods && name.startsWith(SERVICES)) {
                    String service = name.substring(SERVICES.length()).replace('.', '/');
                    for (String impl : serviceLines(bytes.get())) {
                        serviceImpls.computeIfAbsent(service, k -> new ArrayList<>()).add(impl);
                    }
                }
            });
        }
        called.addAll(SERIALIZATION);
        for (Path jar : whole) {
            forEachEntry(jar, (name, bytes) -> {
                if (name.endsWith(CLASS)) {
                    reachFromWhole(bytes.get());
                } else if (name.startsWith(SERVICES)) {
                    reachServices(name, bytes.get());
                }
            });
        }
        for (Path jar : shrink) {
            boolean methods = byMethodJars.contains(jar);
            forEachEntry(jar, (name, bytes) -> {
                if (name.startsWith(SERVICES) && !methods) {
                    reachServices(name, bytes.get());
                } else if (className(name) != null && ClassFile.read(bytes.get()).isAnnotation()) {
                    reach(className(name));
                }
            });
        }
        while (!queue.isEmpty() || !work.isEmpty()) {
            while (!work.isEmpty()) {
                work.pop().run();
            }
            if (!queue.isEmpty()) {
                String cls = queue.pop();
                for (byte[] classFile : shrinkable.get(cls)) {
                    if (byMethod.contains(cls)) {
                        reachMembersOf(cls, classFile);
                    } else {
                        reachFromWhole(classFile);
                    }
                }
            }
        }
        long before = 0;
        long after = 0;
        for (Path jar : shrink) {
            long size = Files.size(jar);
            int[] kept = rewrite(jar, true);
            before += size;
            after += Files.size(jar);
            System.out.printf("ShrinkJars: %-44s %5d of %5d classes, %6.2f MB -> %5.2f MB%s%n", jar.getFileName(), kept[0], kept[1],
                    size / 1e6, Files.size(jar) / 1e6, byMethodJars.contains(jar) ? " (methods " + kept[2] + " of " + kept[3] + ")" : "");
        }
        System.out.printf("ShrinkJars: %d jars, %.2f MB -> %.2f MB%n", shrink.size(), before / 1e6, after / 1e6);
    }

    /** The internal name of a class entry (a/b/C for a/b/C.class or META-INF/versions/11/a/b/C.class), or null. */
    private static String className(String entry) {
        if (!entry.endsWith(CLASS) || entry.endsWith("module-info.class") || entry.endsWith("package-info.class")) {
            return null;
        }
        String name = entry.substring(0, entry.length() - CLASS.length());
        if (name.startsWith(VERSIONS)) {
            int slash = name.indexOf('/', VERSIONS.length());
            return slash < 0 ? null : name.substring(slash + 1);
        }
        return name.startsWith("META-INF/") ? null : name;
    }

    private void reach(String internalName) {
        if (shrinkable.containsKey(internalName) && reached.add(internalName)) {
            queue.push(internalName);
            List<String> impls = serviceImpls.get(internalName);
            if (impls != null) {
                for (String impl : impls) {
                    reach(impl);
                    keepIn(impl, "<init>()V");
                }
            }
        }
    }

    private static List<String> serviceLines(byte[] bytes) {
        List<String> impls = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            String impl = line.replaceFirst("#.*", "").strip();
            if (!impl.isEmpty()) {
                impls.add(impl.replace('.', '/'));
            }
        }
        return impls;
    }

    /** The service interface (the file's name) and every implementation it lists. */
    private void reachServices(String entry, byte[] bytes) {
        reach(entry.substring(SERVICES.length()).replace('.', '/'));
        for (String impl : serviceLines(bytes)) {
            reach(impl);
        }
    }

    /** A class kept whole: every class it names, and every method it names may be called. */
    private void reachFromWhole(byte[] classFile) {
        for (String s : ClassFile.read(classFile).utf8()) {
            reach(s);
            String slashed = s.replace('.', '/');
            reach(slashed.endsWith(CLASS) ? slashed.substring(0, slashed.length() - CLASS.length()) : slashed);
            reachTypesIn(s);
        }
        if (!byMethod.isEmpty()) {
            Parsed p = Parsed.read(classFile);
            List<String> methodTypes = new ArrayList<>();
            for (int i = 1; i < p.offset.length; i++) {
                if (p.tag(i) == Parsed.METHOD_TYPE) {
                    methodTypes.add(p.utf8(p.u2(p.offset[i] + 1)));
                }
            }
            for (int i = 1; i < p.offset.length; i++) {
                if (p.tag(i) == Parsed.NAME_AND_TYPE) {
                    call(p.natName(i) + p.natDesc(i));
                } else if (p.tag(i) == Parsed.INVOKE_DYNAMIC) {
                    String name = p.natName(p.u2(p.offset[i] + 3));
                    for (String type : methodTypes) {
                        call(name + type);
                    }
                }
            }
        }
    }

    /** Every {@code L...;} type in a descriptor or signature. */
    private void reachTypesIn(String s) {
        for (int l = s.indexOf('L'); l >= 0; l = s.indexOf('L', l + 1)) {
            int end = l + 1;
            while (end < s.length() && s.charAt(end) != ';' && s.charAt(end) != '<') {
                end++;
            }
            if (end < s.length()) {
                reach(s.substring(l + 1, end));
            }
        }
    }

    // --- Method level ---------------------------------------------------------------------------

    /** A method of a class file of a jar shrunk by method. */
    private record MemberRef(String cls, byte[] classFile, int index) {
    }

    /** A reached class of a jar shrunk by method: its supertypes, and the methods that can be called. */
    private void reachMembersOf(String cls, byte[] classFile) {
        Parsed p = Parsed.read(classFile);
        keptMethods.putIfAbsent(classFile, new HashSet<>());
        if (p.superName != null) {
            reach(p.superName);
        }
        p.interfaces.forEach(this::reach);
        if (p.nestHost != null) {
            reach(p.nestHost);
        }
        boolean all = p.isAnnotation() || !callJdkMethodsOfSupertypes(p);
        for (int m = 0; m < p.methods.size(); m++) {
            String nameDesc = p.methods.get(m).nameDesc();
            MemberRef ref = new MemberRef(cls, classFile, m);
            String name = p.methods.get(m).name();
            // An enum's values() and valueOf(String): the JDK calls values() by reflection for Enum.valueOf,
            // EnumSet and EnumMap, so no call site shows it.
            boolean enumConstants = p.isEnum() && (name.equals("values") || name.equals("valueOf"));
            if (all || name.equals("<clinit>") || enumConstants || called.contains(nameDesc) || namedInStrings.contains(name)
                    || forced.getOrDefault(cls, Set.of()).contains(nameDesc)) {
                keep(ref);
            } else {
                waiting.computeIfAbsent(nameDesc, k -> new ArrayList<>()).add(ref);
                waitingByName.computeIfAbsent(name, k -> new ArrayList<>()).add(ref);
            }
        }
    }

    /** Keeps a method of a class of a jar shrunk by method, whether the class was read already or is read later. */
    private void keepIn(String cls, String nameDesc) {
        forced.computeIfAbsent(cls, k -> new HashSet<>()).add(nameDesc);
        List<MemberRef> refs = waiting.get(nameDesc);
        if (refs != null) {
            for (MemberRef ref : List.copyOf(refs)) {
                if (ref.cls().equals(cls)) {
                    refs.remove(ref);
                    keep(ref);
                }
            }
        }
    }

    /** Every method of the JDK types the class extends or implements may be called (by the JDK); false when one is not a JDK type. */
    private boolean callJdkMethodsOfSupertypes(Parsed p) {
        List<String> outside = new ArrayList<>();
        outsideSupertypes(p, outside, new HashSet<>());
        for (String type : outside) {
            if (!jdkTypesSeen.add(type)) {
                continue;
            }
            Class<?> c;
            try {
                c = Class.forName(type.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
            } catch (ClassNotFoundException e) {
                jdkTypesSeen.remove(type);
                return false;
            }
            callMethodsOf(c, new HashSet<>());
        }
        return true;
    }

    private void outsideSupertypes(Parsed p, List<String> outside, Set<String> seen) {
        List<String> supers = new ArrayList<>(p.interfaces);
        if (p.superName != null) {
            supers.add(p.superName);
        }
        for (String s : supers) {
            if (!seen.add(s)) {
                continue;
            }
            if (shrinkable.containsKey(s)) {
                outsideSupertypes(Parsed.read(shrinkable.get(s).get(0)), outside, seen);
            } else {
                outside.add(s);
            }
        }
    }

    private void callMethodsOf(Class<?> c, Set<Class<?>> seen) {
        if (c == null || !seen.add(c)) {
            return;
        }
        for (Method m : c.getDeclaredMethods()) {
            call(m.getName() + MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString());
        }
        callMethodsOf(c.getSuperclass(), seen);
        for (Class<?> i : c.getInterfaces()) {
            callMethodsOf(i, seen);
        }
    }

    /** A call that finds a method by its name: Class.getMethod, getDeclaredMethod, MethodHandles.Lookup.findVirtual, ... */
    private static boolean looksUpMethods(String owner, String name) {
        return owner.equals("java/lang/Class") && (name.equals("getMethod") || name.equals("getDeclaredMethod"))
                || owner.equals("java/lang/invoke/MethodHandles$Lookup") && name.startsWith("find");
    }

    /** A string constant of kept code that looks methods up by name: every waiting method of that name is kept (reflection may look it up by name). */
    private void nameInString(String s) {
        if (namedInStrings.add(s)) {
            List<MemberRef> refs = waitingByName.remove(s);
            if (refs != null) {
                refs.forEach(this::keep);
            }
        }
    }

    /** A name with descriptor kept code may call: every waiting method of that name and descriptor is kept. */
    private void call(String nameDesc) {
        if (called.add(nameDesc)) {
            List<MemberRef> refs = waiting.remove(nameDesc);
            if (refs != null) {
                refs.forEach(this::keep);
            }
        }
    }

    /** Keeps a method and reaches what its code uses. */
    private void keep(MemberRef ref) {
        if (!keptMethods.computeIfAbsent(ref.classFile(), k -> new HashSet<>()).add(ref.index())) {
            return;
        }
        work.add(() -> {
            Parsed p = Parsed.read(ref.classFile());
            Parsed.Member m = p.methods.get(ref.index());
            reachTypesIn(m.desc());
            List<String> strings = new ArrayList<>();
            boolean[] reflects = {false};
            p.forEachConstantUsedBy(m, (q, index) -> {
                use(q, index);
                if (q.tag(index) == Parsed.STRING) {
                    strings.add(q.utf8(q.u2(q.offset[index] + 1)));
                } else if (q.tag(index) == Parsed.METHOD_REF || q.tag(index) == Parsed.INTERFACE_METHOD_REF) {
                    reflects[0] |= looksUpMethods(q.className(q.u2(q.offset[index] + 1)), q.natName(q.u2(q.offset[index] + 3)));
                }
            });
            if (reflects[0]) { // getMethod("name", ...): the strings of this code may be method names
                strings.forEach(this::nameInString);
            }
        });
    }

    /** A constant kept code uses: the classes it names are reached, the methods it names may be called. */
    private void use(Parsed p, int index) {
        switch (p.tag(index)) {
            case Parsed.CLASS -> {
                String name = p.utf8(p.u2(p.offset[index] + 1));
                if (name.startsWith("[")) {
                    reachTypesIn(name);
                } else {
                    reach(name);
                }
            }
            case Parsed.STRING -> { // Class.forName("a.b.C")
                String s = p.utf8(p.u2(p.offset[index] + 1));
                reach(s.replace('.', '/'));
            }
            case Parsed.FIELD_REF, Parsed.METHOD_REF, Parsed.INTERFACE_METHOD_REF -> {
                use(p, p.u2(p.offset[index] + 1));
                int nat = p.u2(p.offset[index] + 3);
                reachTypesIn(p.natDesc(nat));
                if (p.tag(index) != Parsed.FIELD_REF) {
                    call(p.natName(nat) + p.natDesc(nat));
                }
            }
            case Parsed.METHOD_HANDLE -> use(p, p.u2(p.offset[index] + 2));
            case Parsed.METHOD_TYPE -> reachTypesIn(p.utf8(p.u2(p.offset[index] + 1)));
            case Parsed.DYNAMIC, Parsed.INVOKE_DYNAMIC -> {
                int nat = p.u2(p.offset[index] + 3);
                String name = p.natName(nat);
                reachTypesIn(p.natDesc(nat));
                int bsm = p.bootstrapMethod(p.u2(p.offset[index] + 1));
                use(p, p.u2(bsm));
                int args = p.u2(bsm + 2);
                for (int a = 0; a < args; a++) {
                    int arg = p.u2(bsm + 4 + 2 * a);
                    use(p, arg);
                    if (p.tag(arg) == Parsed.METHOD_TYPE) { // the interface method a lambda implements
                        call(name + p.utf8(p.u2(p.offset[arg] + 1)));
                    }
                }
            }
            default -> {
                // numbers
            }
        }
    }

    /** What the closure reads of a class file: its constant pool's UTF-8 entries (every name, descriptor and string it uses) and its access flags. */
    private record ClassFile(List<String> utf8, int access) {
        static ClassFile read(byte[] bytes) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                in.skipNBytes(8); // magic, minor and major version
                int count = in.readUnsignedShort();
                List<String> strings = new ArrayList<>(count / 2);
                for (int i = 1; i < count; i++) {
                    int tag = in.readUnsignedByte();
                    switch (tag) {
                        case 1 -> strings.add(in.readUTF());
                        case 7, 8, 16, 19, 20 -> in.skipNBytes(2); // Class, String, MethodType, Module, Package
                        case 15 -> in.skipNBytes(3); // MethodHandle
                        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4); // Integer, Float, refs, NameAndType, (Invoke)Dynamic
                        case 5, 6 -> { // Long, Double: two slots
                            in.skipNBytes(8);
                            i++;
                        }
                        default -> throw new IOException("unknown constant pool tag " + tag);
                    }
                }
                return new ClassFile(strings, in.readUnsignedShort());
            } catch (IOException e) {
                throw new UncheckedIOException("not a class file: " + e.getMessage(), e);
            }
        }

        boolean isAnnotation() {
            return (access & ACC_ANNOTATION) != 0;
        }
    }

    /** A class file read far enough to know the constants each method's code uses and to write it again with fewer methods. */
    private static final class Parsed {
        static final int UTF8 = 1;
        static final int CLASS = 7;
        static final int STRING = 8;
        static final int FIELD_REF = 9;
        static final int METHOD_REF = 10;
        static final int INTERFACE_METHOD_REF = 11;
        static final int NAME_AND_TYPE = 12;
        static final int METHOD_HANDLE = 15;
        static final int METHOD_TYPE = 16;
        static final int DYNAMIC = 17;
        static final int INVOKE_DYNAMIC = 18;
        /** Bytes of each instruction, by opcode (0: variable: tableswitch, lookupswitch, wide). */
        private static final int[] LENGTH = new int[256];

        static {
            Arrays.fill(LENGTH, 1);
            for (int op : new int[] {0x10, 0x12, 0x15, 0x16, 0x17, 0x18, 0x19, 0x36, 0x37, 0x38, 0x39, 0x3a, 0xa9, 0xbc}) {
                LENGTH[op] = 2;
            }
            for (int op = 0x99; op <= 0xa8; op++) {
                LENGTH[op] = 3;
            }
            for (int op = 0xb2; op <= 0xb8; op++) {
                LENGTH[op] = 3;
            }
            for (int op : new int[] {0x11, 0x13, 0x14, 0x84, 0xbb, 0xbd, 0xc0, 0xc1, 0xc6, 0xc7}) {
                LENGTH[op] = 3;
            }
            LENGTH[0xc5] = 4;
            for (int op : new int[] {0xb9, 0xba, 0xc8, 0xc9}) {
                LENGTH[op] = 5;
            }
            LENGTH[0xaa] = 0;
            LENGTH[0xab] = 0;
            LENGTH[0xc4] = 0;
        }

        /** A method: where its method_info starts and ends, and its Code attribute's data (-1 if none). */
        record Member(String name, String desc, int start, int end, int code) {
            String nameDesc() {
                return name + desc;
            }
        }

        final byte[] b;
        final int[] offset;
        private final String[] utf8;
        final int access;
        final String superName;
        final List<String> interfaces = new ArrayList<>();
        final List<Member> methods = new ArrayList<>();
        final int methodsCount;
        final int methodsEnd;
        String nestHost;
        private int bootstrapMethods = -1;

        private Parsed(byte[] b) {
            this.b = b;
            int count = u2(8);
            offset = new int[count];
            utf8 = new String[count];
            int at = 10;
            for (int i = 1; i < count; i++) {
                offset[i] = at;
                int tag = b[at] & 0xff;
                at += switch (tag) {
                    case UTF8 -> 3 + u2(at + 1);
                    case 7, 8, 16, 19, 20 -> 3;
                    case 15 -> 4;
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> 5;
                    case 5, 6 -> 9;
                    default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
                };
                if (tag == 5 || tag == 6) {
                    i++;
                }
            }
            access = u2(at);
            int superIndex = u2(at + 4);
            superName = superIndex == 0 ? null : className(superIndex);
            int interfaceCount = u2(at + 6);
            at += 8;
            for (int i = 0; i < interfaceCount; i++, at += 2) {
                interfaces.add(className(u2(at)));
            }
            int fields = u2(at);
            at += 2;
            for (int i = 0; i < fields; i++) {
                at = skipAttributes(at + 6);
            }
            methodsCount = at;
            int methodCount = u2(at);
            at += 2;
            for (int i = 0; i < methodCount; i++) {
                int start = at;
                int code = -1;
                int attrs = u2(at + 6);
                at += 8;
                for (int a = 0; a < attrs; a++) {
                    if (utf8(u2(at)).equals("Code")) {
                        code = at + 6;
                    }
                    at += 6 + u4(at + 2);
                }
                methods.add(new Member(utf8(u2(start + 2)), utf8(u2(start + 4)), start, at, code));
            }
            methodsEnd = at;
            int attrs = u2(at);
            at += 2;
            for (int a = 0; a < attrs; a++) {
                String name = utf8(u2(at));
                if (name.equals("BootstrapMethods")) {
                    bootstrapMethods = at + 6;
                } else if (name.equals("NestHost")) {
                    nestHost = className(u2(at + 6));
                }
                at += 6 + u4(at + 2);
            }
        }

        static Parsed read(byte[] bytes) {
            return new Parsed(bytes);
        }

        private int skipAttributes(int at) {
            int attrs = u2(at);
            at += 2;
            for (int a = 0; a < attrs; a++) {
                at += 6 + u4(at + 2);
            }
            return at;
        }

        int u1(int at) {
            return b[at] & 0xff;
        }

        int u2(int at) {
            return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
        }

        int u4(int at) {
            return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
        }

        int tag(int index) {
            return index <= 0 || index >= offset.length || offset[index] == 0 ? 0 : u1(offset[index]);
        }

        String utf8(int index) {
            if (utf8[index] == null) {
                try {
                    utf8[index] = new DataInputStream(new ByteArrayInputStream(b, offset[index] + 1, 2 + u2(offset[index] + 1))).readUTF();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return utf8[index];
        }

        String className(int classIndex) {
            return utf8(u2(offset[classIndex] + 1));
        }

        String natName(int nat) {
            return utf8(u2(offset[nat] + 1));
        }

        String natDesc(int nat) {
            return utf8(u2(offset[nat] + 3));
        }

        boolean isAnnotation() {
            return (access & ACC_ANNOTATION) != 0;
        }

        boolean isEnum() {
            return (access & ACC_ENUM) != 0;
        }

        /** Where the BootstrapMethods entry of that number starts (its method handle; then its argument count and arguments). */
        int bootstrapMethod(int number) {
            int at = bootstrapMethods + 2;
            for (int i = 0; i < number; i++) {
                at += 4 + 2 * u2(at + 2);
            }
            return at;
        }

        interface ConstantUser {
            void use(Parsed p, int index);
        }

        /** Every constant a method's code uses: instruction operands, exception handler types, stack-map frame types. */
        void forEachConstantUsedBy(Member m, ConstantUser user) {
            if (m.code() < 0) {
                return;
            }
            int codeLength = u4(m.code() + 4);
            int start = m.code() + 8;
            int end = start + codeLength;
            for (int pc = start; pc < end;) {
                int op = u1(pc);
                switch (op) {
                    case 0x12 -> user.use(this, u1(pc + 1)); // ldc
                    case 0x13, 0x14, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xbb, 0xbd, 0xc0, 0xc1, 0xc5 ->
                            user.use(this, u2(pc + 1));
                    default -> {
                        // no constant
                    }
                }
                int length = LENGTH[op];
                if (op == 0xaa || op == 0xab) {
                    int at = start + ((pc - start + 4) & ~3); // operands start 4-byte aligned
                    length = op == 0xaa ? at - pc + 12 + 4 * (u4(at + 8) - u4(at + 4) + 1) : at - pc + 8 + 8 * u4(at + 4);
                } else if (op == 0xc4) {
                    length = u1(pc + 1) == 0x84 ? 6 : 4;
                }
                pc += length;
            }
            int at = end;
            int handlers = u2(at);
            at += 2;
            for (int h = 0; h < handlers; h++, at += 8) {
                if (u2(at + 6) != 0) {
                    user.use(this, u2(at + 6));
                }
            }
            int attrs = u2(at);
            at += 2;
            for (int a = 0; a < attrs; a++) {
                if (utf8(u2(at)).equals("StackMapTable")) {
                    stackMapClasses(at + 6, user);
                }
                at += 6 + u4(at + 2);
            }
        }

        private void stackMapClasses(int at, ConstantUser user) {
            int frames = u2(at);
            at += 2;
            for (int f = 0; f < frames; f++) {
                int type = u1(at++);
                if (type < 64) {
                    continue;
                } else if (type < 128) {
                    at = verificationType(at, user);
                } else if (type == 247) {
                    at = verificationType(at + 2, user);
                } else if (type >= 248 && type <= 251) {
                    at += 2;
                } else if (type >= 252 && type <= 254) {
                    at += 2;
                    for (int i = 0; i < type - 251; i++) {
                        at = verificationType(at, user);
                    }
                } else if (type == 255) {
                    at += 2;
                    for (int list = 0; list < 2; list++) {
                        int n = u2(at);
                        at += 2;
                        for (int i = 0; i < n; i++) {
                            at = verificationType(at, user);
                        }
                    }
                } else {
                    throw new IllegalArgumentException("stack map frame type " + type);
                }
            }
        }

        private int verificationType(int at, ConstantUser user) {
            int tag = u1(at);
            if (tag == 7) {
                user.use(this, u2(at + 1));
            }
            return at + (tag == 7 || tag == 8 ? 3 : 1);
        }

        Set<Integer> allMethods() {
            Set<Integer> all = new HashSet<>();
            for (int i = 0; i < methods.size(); i++) {
                all.add(i);
            }
            return all;
        }

        /** The class file with only the given methods, which lose their LocalVariableTable and LocalVariableTypeTable. */
        byte[] withMethods(Set<Integer> keep) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
            out.write(b, 0, methodsCount);
            out.write(keep.size() >> 8);
            out.write(keep.size());
            for (int i = 0; i < methods.size(); i++) {
                if (keep.contains(i)) {
                    writeMethod(methods.get(i), out);
                }
            }
            out.write(b, methodsEnd, b.length - methodsEnd);
            return out.toByteArray();
        }

        private void writeMethod(Member m, ByteArrayOutputStream out) {
            if (m.code() < 0) {
                out.write(b, m.start(), m.end() - m.start());
                return;
            }
            out.write(b, m.start(), 8); // flags, name, descriptor, attribute count
            int at = m.start() + 8;
            while (at < m.end()) {
                int length = u4(at + 2);
                if (at + 6 != m.code()) {
                    out.write(b, at, 6 + length);
                } else {
                    byte[] code = strippedCode(at + 6);
                    out.write(b, at, 2);
                    writeU4(out, code.length);
                    out.write(code, 0, code.length);
                }
                at += 6 + length;
            }
        }

        private byte[] strippedCode(int code) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int at = code + 8 + u4(code + 4);
            at += 2 + 8 * u2(at);
            out.write(b, code, at - code);
            int attrs = u2(at);
            at += 2;
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            int keptCount = 0;
            for (int a = 0; a < attrs; a++) {
                String name = utf8(u2(at));
                int length = 6 + u4(at + 2);
                if (!name.equals("LocalVariableTable") && !name.equals("LocalVariableTypeTable")) {
                    kept.write(b, at, length);
                    keptCount++;
                }
                at += length;
            }
            out.write(keptCount >> 8);
            out.write(keptCount);
            out.writeBytes(kept.toByteArray());
            return out.toByteArray();
        }

        private static void writeU4(ByteArrayOutputStream out, int v) {
            out.write(v >>> 24);
            out.write(v >>> 16);
            out.write(v >>> 8);
            out.write(v);
        }
    }

    /** Writes the jar again with its reached classes and all its other entries; returns {kept, all} classes and {kept, all} methods. */
    private int[] rewrite(Path jar, boolean shrunk) throws IOException {
        Path tmp = jar.resolveSibling(jar.getFileName() + ".shrinking");
        int[] kept = new int[4];
        try (ZipFile zip = new ZipFile(jar.toFile()); OutputStream file = Files.newOutputStream(tmp);
             ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry e : zip.stream().toList()) {
                String name = e.getName();
                String cls = className(name);
                if (cls != null && shrunk) {
                    kept[1]++;
                    if (!reached.contains(cls)) {
                        continue;
                    }
                    kept[0]++;
                }
                if (isSignature(name)) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                if (name.equals("META-INF/MANIFEST.MF")) {
                    bytes = withoutDigests(bytes);
                } else if (cls != null && shrunk && byMethod.contains(cls)) {
                    bytes = withKeptMethods(cls, bytes, kept);
                } else if (name.endsWith(CLASS) && dropLocals) {
                    Parsed p = Parsed.read(bytes);
                    bytes = p.withMethods(p.allMethods());
                }
                ZipEntry copy = new ZipEntry(name);
                copy.setTime(e.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        return kept;
    }

    /** A class file of a jar shrunk by method with only its kept methods (the file read from the jar equals one read before). */
    private byte[] withKeptMethods(String cls, byte[] bytes, int[] kept) {
        for (byte[] classFile : shrinkable.get(cls)) {
            if (Arrays.equals(classFile, bytes)) {
                Parsed p = Parsed.read(classFile);
                Set<Integer> keep = keptMethods.getOrDefault(classFile, Set.of());
                kept[2] += keep.size();
                kept[3] += p.methods.size();
                return p.withMethods(keep);
            }
        }
        throw new IllegalStateException(cls + ": class file changed while shrinking");
    }

    private static boolean isSignature(String name) {
        return name.startsWith("META-INF/") && name.indexOf('/', "META-INF/".length()) < 0
                && (name.endsWith(".SF") || name.endsWith(".RSA") || name.endsWith(".DSA") || name.endsWith(".EC"));
    }

    /** The manifest's main section alone: the per-entry sections of a signed jar hold only the digests of the signature. */
    private static byte[] withoutDigests(byte[] manifest) throws IOException {
        Manifest m = new Manifest(new ByteArrayInputStream(manifest));
        if (m.getEntries().isEmpty()) {
            return manifest;
        }
        m.getEntries().clear();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.write(out);
        return out.toByteArray();
    }

    private interface EntryReader {
        void accept(String name, Bytes bytes) throws IOException;
    }

    private interface Bytes {
        byte[] get();
    }

    /** Calls back for every file of a jar; an entry's bytes are read only when asked for. */
    private static void forEachEntry(Path jar, EntryReader reader) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : zip.stream().filter(e -> !e.isDirectory()).toList()) {
                reader.accept(e.getName(), () -> {
                    try (InputStream in = zip.getInputStream(e)) {
                        return in.readAllBytes();
                    } catch (IOException ex) {
                        throw new UncheckedIOException(jar + "!" + e.getName(), ex);
                    }
                });
            }
        }
    }
}
