package io.jsock.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Binds a binding interface ({@link LibC}, {@link Shim}) through the FFM API, from the interface
 * itself: each abstract method names a native function, and its Java types give the C ones (int:
 * JAVA_INT, long: JAVA_LONG, String: a pointer to a NUL-terminated UTF-8 copy made for the call,
 * a String result: the C string at the returned pointer, null for NULL). The functions are
 * declared once, in the interface; JNR-FFI binds the same declaration on the other backend.
 */
final class FfmLibrary {
    private static final MethodHandle TO_C_STRING;
    private static final MethodHandle FROM_C_STRING;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TO_C_STRING = lookup.findStatic(FfmLibrary.class, "cString", MethodType.methodType(MemorySegment.class, String.class));
            FROM_C_STRING = lookup.findStatic(FfmLibrary.class, "javaString", MethodType.methodType(String.class, MemorySegment.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private FfmLibrary() {}

    /**
     * An implementation of {@code api} over the functions {@code symbols} finds.
     *
     * @param savesErrno whether each call captures errno for {@link FfmErrno#last()} (the
     *     interface's functions report through errno, as libc's do)
     * @param shortCalls functions that are short and never block: linked as critical calls, which
     *     skip the thread-state transitions but hold off the GC while they run
     */
    static <T> T bind(Class<T> api, SymbolLookup symbols, boolean savesErrno, Set<String> shortCalls) {
        List<Method> functions = functions(api);
        Set<String> unknown = new TreeSet<>(shortCalls);
        functions.forEach(m -> unknown.remove(m.getName()));
        if (!unknown.isEmpty()) throw new IllegalArgumentException(api.getSimpleName() + " declares no " + unknown);
        // Every symbol and every signature is checked now, so that a missing function fails the
        // binding, not its first call; the downcall itself, the costly part, is made on first call.
        Linker linker = Linker.nativeLinker();
        Map<String, Supplier<MethodHandle>> handles = new HashMap<>();
        for (Method m : functions) {
            Downcall d = Downcall.of(symbols, m, savesErrno, shortCalls.contains(m.getName()));
            if (handles.put(m.getName(), () -> d.handle(linker)) != null) {
                throw new IllegalArgumentException(api.getSimpleName() + " overloads " + m.getName());
            }
        }
        return FfmImplementation.of(api, functions, handles);
    }

    /** The interface's native functions, in a fixed order. */
    static List<Method> functions(Class<?> api) {
        return Arrays.stream(api.getMethods())
                .filter(m -> Modifier.isAbstract(m.getModifiers()))
                .sorted(Comparator.comparing(Method::getName))
                .toList();
    }

    /** One function: its symbol, its C signature and its linker options, resolved but not yet linked. */
    private record Downcall(Method method, MemorySegment symbol, FunctionDescriptor descriptor, boolean savesErrno, boolean shortCall) {
        static Downcall of(SymbolLookup symbols, Method m, boolean savesErrno, boolean shortCall) {
            MemorySegment symbol = symbols.find(m.getName()).orElseThrow(() ->
                    new UnsatisfiedLinkError("jsock: native function " + m.getName() + " not found (declared by "
                            + m.getDeclaringClass().getSimpleName() + ")"));
            Class<?>[] parameters = m.getParameterTypes();
            MemoryLayout[] arguments = new MemoryLayout[parameters.length];
            for (int i = 0; i < parameters.length; i++) arguments[i] = layout(m, parameters[i]);
            FunctionDescriptor descriptor = m.getReturnType() == void.class
                    ? FunctionDescriptor.ofVoid(arguments)
                    : FunctionDescriptor.of(layout(m, m.getReturnType()), arguments);
            return new Downcall(m, symbol, descriptor, savesErrno, shortCall);
        }

        /** The downcall, of exactly the Java method's type. */
        MethodHandle handle(Linker linker) {
            List<Linker.Option> options = new ArrayList<>();
            if (savesErrno) options.add(FfmErrno.option());
            if (shortCall) options.add(Linker.Option.critical(false));
            MethodHandle h = linker.downcallHandle(symbol, descriptor, options.toArray(Linker.Option[]::new));
            // The capture segment, if any, is the first argument; the Java method's come after it.
            int first = savesErrno ? 1 : 0;
            Class<?>[] parameters = method.getParameterTypes();
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] == String.class) h = MethodHandles.filterArguments(h, first + i, TO_C_STRING);
            }
            if (method.getReturnType() == String.class) h = MethodHandles.filterReturnValue(h, FROM_C_STRING);
            if (savesErrno) h = MethodHandles.collectArguments(h, 0, FfmErrno.STATE_OF_THIS_THREAD);
            return h;
        }
    }

    private static MemoryLayout layout(Method m, Class<?> type) {
        if (type == int.class) return ValueLayout.JAVA_INT;
        if (type == long.class) return ValueLayout.JAVA_LONG;
        if (type == String.class) return ValueLayout.ADDRESS;
        throw new IllegalArgumentException(m + ": a native function takes and returns int, long or String, not " + type);
    }

    /**
     * A NUL-terminated copy of {@code s}, freed by the GC: the downcall keeps its memory alive while
     * it runs. Off the hot path (names and addresses as text), so the allocation is harmless.
     */
    private static MemorySegment cString(String s) {
        return s == null ? MemorySegment.NULL : Arena.ofAuto().allocateFrom(s);
    }

    private static String javaString(MemorySegment p) {
        return p.address() == 0 ? null : p.reinterpret(Long.MAX_VALUE).getString(0);
    }
}
