package io.jsock.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * libjsock-bench.so (benchmarks/c/loops.c): the C loops, called from the JMH forks between their
 * iterations. Bound with JNR-FFI on Java 17–21 and with the FFM API on 22+ (through reflection, so
 * that this module still compiles for 17, and so that a fork running jsock's FFM backend loads no
 * JNR class for the C loops either). Each call runs many operations, so the binding's own cost is
 * nothing next to what it measures. The library's path is the system property
 * {@value #PROPERTY}.
 */
public final class CLib {
    public static final String PROPERTY = "jsock.bench.library";

    /** The library's four functions; every one returns a value or -errno. */
    public interface Functions {
        long jsock_bench_open(int kase, int transport, int size, int echoCpu);

        long jsock_bench_run(long handle, long ops);

        int jsock_bench_close(long handle);

        int jsock_bench_pin(int cpu);
    }

    private static volatile Functions functions;

    private CLib() {}

    /** The bound library, loaded on first use. */
    static Functions get() {
        Functions f = functions;
        if (f == null) {
            synchronized (CLib.class) {
                f = functions;
                if (f == null) functions = f = load();
            }
        }
        return f;
    }

    private static Functions load() {
        String property = System.getProperty(PROPERTY);
        if (property == null || property.isEmpty()) {
            throw new IllegalStateException("-D" + PROPERTY + " does not name libjsock-bench.so (the suite sets it; "
                    + "it is built with the java module, into java/target/native)");
        }
        Path path = Path.of(property).toAbsolutePath();
        if (!Files.isReadable(path)) throw new IllegalStateException(path + " (-D" + PROPERTY + ") does not exist");
        try {
            return Runtime.version().feature() >= 22 ? Ffm.load(path) : Jnr.load(path);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot bind " + path + ": " + e, e);
        }
    }

    /** Pins the calling thread to {@code cpu}, or to every CPU when it is negative. */
    public static void pin(int cpu) {
        check(get().jsock_bench_pin(cpu), "pin to CPU " + cpu);
    }

    static long check(long r, String what) {
        if (r < 0) throw new IllegalStateException("libjsock-bench: " + what + ": errno " + -r);
        return r;
    }

    /** JNR-FFI: an implementation generated from {@link Functions}. */
    private static final class Jnr {
        static Functions load(Path path) {
            return jnr.ffi.LibraryLoader.create(Functions.class).failImmediately().load(path.toString());
        }
    }

    /** The FFM API, reached by reflection: a downcall handle per function, called with invokeExact. */
    private static final class Ffm implements Functions {
        private final MethodHandle open;
        private final MethodHandle run;
        private final MethodHandle close;
        private final MethodHandle pin;

        private Ffm(MethodHandle open, MethodHandle run, MethodHandle close, MethodHandle pin) {
            this.open = open;
            this.run = run;
            this.close = close;
            this.pin = pin;
        }

        static Functions load(Path path) throws ReflectiveOperationException {
            Class<?> arenaClass = Class.forName("java.lang.foreign.Arena");
            Class<?> lookupClass = Class.forName("java.lang.foreign.SymbolLookup");
            Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
            Class<?> optionClass = Class.forName("java.lang.foreign.Linker$Option");
            Class<?> segmentClass = Class.forName("java.lang.foreign.MemorySegment");
            Class<?> layoutClass = Class.forName("java.lang.foreign.MemoryLayout");
            Class<?> descriptorClass = Class.forName("java.lang.foreign.FunctionDescriptor");
            Class<?> valueLayoutClass = Class.forName("java.lang.foreign.ValueLayout");
            Object arena = arenaClass.getMethod("global").invoke(null);
            Object lookup = lookupClass.getMethod("libraryLookup", Path.class, arenaClass).invoke(null, path, arena);
            Object linker = linkerClass.getMethod("nativeLinker").invoke(null);
            Object jint = valueLayoutClass.getField("JAVA_INT").get(null);
            Object jlong = valueLayoutClass.getField("JAVA_LONG").get(null);
            var find = lookupClass.getMethod("find", String.class);
            var of = descriptorClass.getMethod("of", layoutClass, layoutClass.arrayType());
            var downcall = linkerClass.getMethod("downcallHandle", segmentClass, descriptorClass, optionClass.arrayType());
            Object noOptions = Array.newInstance(optionClass, 0);

            Object[][] signatures = {
                {"jsock_bench_open", jlong, new Object[] {jint, jint, jint, jint}},
                {"jsock_bench_run", jlong, new Object[] {jlong, jlong}},
                {"jsock_bench_close", jint, new Object[] {jlong}},
                {"jsock_bench_pin", jint, new Object[] {jint}},
            };
            MethodHandle[] handles = new MethodHandle[signatures.length];
            for (int i = 0; i < signatures.length; i++) {
                String name = (String) signatures[i][0];
                Optional<?> symbol = (Optional<?>) find.invoke(lookup, name);
                if (symbol.isEmpty()) throw new NoSuchMethodException(name + " in " + path);
                Object[] args = (Object[]) signatures[i][2];
                Object argLayouts = Array.newInstance(layoutClass, args.length);
                for (int a = 0; a < args.length; a++) Array.set(argLayouts, a, args[a]);
                Object descriptor = of.invoke(null, signatures[i][1], argLayouts);
                try {
                    handles[i] = (MethodHandle) downcall.invoke(linker, symbol.get(), descriptor, noOptions);
                } catch (InvocationTargetException e) {
                    throw new IllegalStateException("downcall " + name + " (run with --enable-native-access=ALL-UNNAMED): "
                            + e.getCause(), e.getCause());
                }
            }
            check(handles[0], MethodType.methodType(long.class, int.class, int.class, int.class, int.class));
            check(handles[1], MethodType.methodType(long.class, long.class, long.class));
            check(handles[2], MethodType.methodType(int.class, long.class));
            check(handles[3], MethodType.methodType(int.class, int.class));
            return new Ffm(handles[0], handles[1], handles[2], handles[3]);
        }

        private static void check(MethodHandle h, MethodType expected) {
            if (!h.type().equals(expected)) throw new IllegalStateException("downcall type " + h.type() + ", not " + expected);
        }

        @Override
        public long jsock_bench_open(int kase, int transport, int size, int echoCpu) {
            try {
                return (long) open.invokeExact(kase, transport, size, echoCpu);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        @Override
        public long jsock_bench_run(long handle, long ops) {
            try {
                return (long) run.invokeExact(handle, ops);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        @Override
        public int jsock_bench_close(long handle) {
            try {
                return (int) close.invokeExact(handle);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        @Override
        public int jsock_bench_pin(int cpu) {
            try {
                return (int) pin.invokeExact(cpu);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        private static RuntimeException rethrow(Throwable t) {
            if (t instanceof RuntimeException r) return r;
            if (t instanceof Error e) throw e;
            return new IllegalStateException(t);
        }
    }
}
