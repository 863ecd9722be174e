import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * Shrinks library jars of which the app uses a small part, keeping only the classes it can reach.
 *
 * <pre>
 *   java installer/ShrinkJars.java DIR PREFIX...
 * </pre>
 *
 * The jars in DIR whose file name starts with one of the PREFIXes are shrunk; every other jar in
 * DIR is kept whole and its classes are the roots. A shrunk jar keeps the classes reachable from
 * the roots, from the classes named in any jar's {@code META-INF/services} files (libraries that
 * find their implementations with ServiceLoader) and from its own annotation types, plus every
 * resource that is not a class. A class reaches every name in its constant pool: class entries,
 * the {@code L...;} types of descriptors and generic signatures (fields, methods, annotations),
 * and string constants that spell a class name (for {@code Class.forName("...")}); a class also
 * reaches the nested classes its InnerClasses attribute lists. Reflection on computed names is not
 * seen: the installer test starts the image to prove the result.
 *
 * <p>A signed jar loses its signature (the files under META-INF that sign it and the manifest's
 * per-entry digests): it is no longer the jar that was signed, and the JVM's class-data sharing
 * skips signed jars. Prints each jar's size before and after. Needs nothing but a JDK 17.
 */
public final class ShrinkJars {
    private static final String CLASS = ".class";
    private static final String VERSIONS = "META-INF/versions/";
    private static final String SERVICES = "META-INF/services/";
    private static final int ACC_ANNOTATION = 0x2000;

    /** Every class of the shrunk jars by its internal name (a/b/C), with its class files (a multi-release jar may have more). */
    private final Map<String, List<byte[]>> shrinkable = new HashMap<>();
    private final Set<String> reached = new HashSet<>();
    private final Deque<String> queue = new ArrayDeque<>();

    private ShrinkJars() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java installer/ShrinkJars.java DIR PREFIX...");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        List<Path> shrink = new ArrayList<>();
        List<Path> whole = new ArrayList<>();
        try (Stream<Path> jars = Files.list(dir)) {
            jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(p -> {
                String name = p.getFileName().toString();
                boolean matches = false;
                for (int i = 1; i < args.length; i++) {
                    matches |= name.startsWith(args[i]);
                }
                (matches ? shrink : whole).add(p);
            });
        }
        for (int i = 1; i < args.length; i++) {
            String prefix = args[i];
            if (shrink.stream().noneMatch(p -> p.getFileName().toString().startsWith(prefix))) {
                System.out.println("ShrinkJars: no jar " + prefix + "* in " + dir + " (nothing to shrink for it)");
            }
        }
        new ShrinkJars().run(shrink, whole);
    }

    private void run(List<Path> shrink, List<Path> whole) throws IOException {
        for (Path jar : shrink) {
            forEachEntry(jar, (name, bytes) -> {
                String cls = className(name);
                if (cls != null) {
                    shrinkable.computeIfAbsent(cls, k -> new ArrayList<>()).add(bytes.get());
                }
            });
        }
        for (Path jar : whole) {
            forEachEntry(jar, (name, bytes) -> {
                if (name.endsWith(CLASS)) {
                    reachFrom(bytes.get());
                } else if (name.startsWith(SERVICES)) {
                    reachServices(name, bytes.get());
                }
            });
        }
        for (Path jar : shrink) {
            forEachEntry(jar, (name, bytes) -> {
                if (name.startsWith(SERVICES)) {
                    reachServices(name, bytes.get());
                } else if (className(name) != null && ClassFile.read(bytes.get()).isAnnotation()) {
                    reach(className(name));
                }
            });
        }
        while (!queue.isEmpty()) {
            for (byte[] classFile : shrinkable.get(queue.pop())) {
                reachFrom(classFile);
            }
        }
        long before = 0;
        long after = 0;
        for (Path jar : shrink) {
            long size = Files.size(jar);
            int[] kept = rewrite(jar);
            before += size;
            after += Files.size(jar);
            System.out.printf("ShrinkJars: %-44s %5d of %5d classes, %6.2f MB -> %5.2f MB%n", jar.getFileName(), kept[0], kept[1],
                    size / 1e6, Files.size(jar) / 1e6);
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
        }
    }

    /** The service interface (the file's name) and every implementation it lists. */
    private void reachServices(String entry, byte[] bytes) {
        reach(entry.substring(SERVICES.length()).replace('.', '/'));
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            String impl = line.replaceFirst("#.*", "").strip();
            if (!impl.isEmpty()) {
                reach(impl.replace('.', '/'));
            }
        }
    }

    /** Every class a class file names: all its UTF-8 constants, read as names, descriptors or signatures. */
    private void reachFrom(byte[] classFile) {
        for (String s : ClassFile.read(classFile).utf8()) {
            reach(s);
            String slashed = s.replace('.', '/');
            reach(slashed.endsWith(CLASS) ? slashed.substring(0, slashed.length() - CLASS.length()) : slashed);
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

    /** Writes the jar again with its reached classes and all its other entries; returns {kept, all} classes. */
    private int[] rewrite(Path jar) throws IOException {
        Path tmp = jar.resolveSibling(jar.getFileName() + ".shrinking");
        int[] kept = new int[2];
        try (ZipFile zip = new ZipFile(jar.toFile()); OutputStream file = Files.newOutputStream(tmp);
             ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry e : zip.stream().toList()) {
                String name = e.getName();
                String cls = className(name);
                if (cls != null) {
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
