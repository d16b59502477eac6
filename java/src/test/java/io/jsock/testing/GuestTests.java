package io.jsock.testing;

import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the VM harness (vm/run) runs in its guest: the test classes under a folder of compiled tests
 * that carry {@link GuestKernel} (on the class or on a method), and the union of the modules they
 * name. Run on the host, on the tests' class path, with the folder as its argument; prints one line
 * per class ({@code class NAME}) and per module ({@code module NAME}), sorted.
 */
public final class GuestTests {
    private GuestTests() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: GuestTests TEST_CLASSES_DIR...");
            System.exit(2);
        }
        Set<String> classes = new TreeSet<>();
        Set<String> modules = new TreeSet<>();
        for (String dir : args) {
            for (String name : classNames(Path.of(dir))) {
                Class<?> c;
                try {
                    c = Class.forName(name, false, GuestTests.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue; // not loadable on its own (a class of a missing optional dependency): not a test here
                }
                List<GuestKernel> marks = marks(c);
                if (marks.isEmpty()) continue;
                classes.add(topLevel(c).getName());
                for (GuestKernel g : marks) modules.addAll(List.of(g.modules()));
            }
        }
        for (String c : classes) System.out.println("class " + c);
        for (String m : modules) System.out.println("module " + m);
    }

    /** The class's own annotation and its methods', not those of the classes it extends. */
    static List<GuestKernel> marks(Class<?> c) {
        List<GuestKernel> found = new ArrayList<>();
        add(found, c);
        Method[] methods;
        try {
            methods = c.getDeclaredMethods();
        } catch (LinkageError e) {
            return found;
        }
        for (Method m : methods) add(found, m);
        return found;
    }

    private static void add(List<GuestKernel> found, AnnotatedElement e) {
        GuestKernel g = e.getAnnotation(GuestKernel.class);
        if (g != null) found.add(g);
    }

    /** A nested test class is selected through the class that encloses it. */
    private static Class<?> topLevel(Class<?> c) {
        while (c.getEnclosingClass() != null) c = c.getEnclosingClass();
        return c;
    }

    private static List<String> classNames(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> root.relativize(p).toString())
                    .filter(p -> !p.startsWith("META-INF") && !p.endsWith("module-info.class") && !p.endsWith("package-info.class"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                    .sorted()
                    .toList();
        }
    }
}
