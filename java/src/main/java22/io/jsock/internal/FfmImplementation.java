package io.jsock.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.constant.ConstantDescs;
import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A class that implements a binding interface ({@link Shim}, {@link LibC}) with one
 * {@code invokedynamic} per method: each method is {@code return <indy name(args...)>}, whose call
 * site is bound, on the method's first call, to a {@link ConstantCallSite} over the function's
 * downcall handle. The JIT inlines a constant call site's target into the caller, as it would a
 * static final field, so a call costs what the downcall costs, without boxing or an array per call
 * (which a java.lang.reflect.Proxy would allocate); and a function that is never called is never
 * linked, which is most of start-up's native binding for a short-lived tool. The class is written
 * here as bytes (Java 22 and 23 have no class-file API) and defined as a hidden class of this
 * package, its {@link Linkage} given as class data: straight-line code only (no branch, so no
 * stack map frames), version 52.
 */
final class FfmImplementation {
    private final Pool pool = new Pool();

    private FfmImplementation() {}

    /** What binds each method's call site: by the method's name, what makes its handle. */
    record Linkage(Map<String, Supplier<MethodHandle>> handles) {}

    /**
     * An instance of {@code api} whose methods call what {@code handles} makes for them (by method
     * name, a handle of exactly the method's type), each on its first call.
     */
    static <T> T of(Class<T> api, List<Method> methods, Map<String, Supplier<MethodHandle>> handles) {
        for (Method m : methods) {
            if (!handles.containsKey(m.getName())) throw new IllegalArgumentException("no handle for " + m);
        }
        String name = FfmImplementation.class.getPackageName().replace('.', '/') + "/Ffm" + api.getSimpleName();
        byte[] bytes = new FfmImplementation().write(name, api, methods);
        try {
            MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClassWithClassData(
                    bytes, new Linkage(Map.copyOf(handles)), true);
            return api.cast(hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke());
        } catch (Error | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("could not define the FFM implementation of " + api.getName(), t);
        }
    }

    /**
     * The bootstrap method of every call site of the generated classes: the site of method
     * {@code name} is bound for good to its handle. A handle of another type is a bug here, told
     * as such (the JVM wraps it in a BootstrapMethodError at the call).
     */
    static CallSite link(MethodHandles.Lookup caller, String name, MethodType type) throws IllegalAccessException {
        Supplier<MethodHandle> maker = MethodHandles.classData(caller, ConstantDescs.DEFAULT_NAME, Linkage.class).handles().get(name);
        if (maker == null) throw new IllegalStateException(caller.lookupClass().getName() + " has no function " + name);
        MethodHandle handle = maker.get();
        if (!handle.type().equals(type)) throw new IllegalStateException(name + ": the handle's type is " + handle.type() + ", not " + type);
        return new ConstantCallSite(handle);
    }

    private byte[] write(String name, Class<?> api, List<Method> methods) {
        int thisClass = pool.classRef(name);
        int superClass = pool.classRef("java/lang/Object");
        int iface = pool.classRef(api.getName().replace('.', '/'));
        int bootstrap = pool.methodHandle(6, pool.methodRef(FfmImplementation.class.getName().replace('.', '/'), "link",
                MethodType.methodType(CallSite.class, MethodHandles.Lookup.class, String.class, MethodType.class)
                        .toMethodDescriptorString()));
        List<byte[]> codes = new ArrayList<>();
        codes.add(constructor());
        for (Method m : methods) codes.add(forward(m));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(52);
            // The methods' names and descriptors and the attributes' names enter the pool before it is written.
            int[][] headers = new int[codes.size()][];
            headers[0] = new int[] {0x0001, pool.utf8("<init>"), pool.utf8("()V")};
            for (int i = 0; i < methods.size(); i++) {
                headers[i + 1] = new int[] {0x0001, pool.utf8(methods.get(i).getName()), pool.utf8(descriptor(methods.get(i)))};
            }
            int code = pool.utf8("Code");
            int bootstrapMethods = pool.utf8("BootstrapMethods");
            pool.writeTo(out);
            out.writeShort(0x0031); // ACC_PUBLIC | ACC_FINAL | ACC_SUPER
            out.writeShort(thisClass);
            out.writeShort(superClass);
            out.writeShort(1);
            out.writeShort(iface);
            out.writeShort(0); // no fields
            out.writeShort(codes.size());
            for (int i = 0; i < codes.size(); i++) {
                out.writeShort(headers[i][0]);
                out.writeShort(headers[i][1]);
                out.writeShort(headers[i][2]);
                out.writeShort(1);
                out.writeShort(code);
                out.writeInt(codes.get(i).length);
                out.write(codes.get(i));
            }
            // One bootstrap method, FfmImplementation.link, without static arguments.
            out.writeShort(1);
            out.writeShort(bootstrapMethods);
            out.writeInt(6);
            out.writeShort(1);
            out.writeShort(bootstrap);
            out.writeShort(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String descriptor(Method m) {
        return MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
    }

    /** {@code super();} */
    private byte[] constructor() {
        Code c = new Code();
        c.op(0x2a); // aload_0
        c.op(0xb7).u2(pool.methodRef("java/lang/Object", "<init>", "()V")); // invokespecial
        c.op(0xb1); // return
        return c.attribute(1, 1);
    }

    /** {@code return <invokedynamic m(args...)>;} with the bootstrap method 0, {@link #link}. */
    private byte[] forward(Method m) {
        Code c = new Code();
        int slot = 1;
        for (Class<?> p : m.getParameterTypes()) {
            if (p == long.class) {
                c.op(0x16).u1(slot); // lload
                slot += 2;
            } else if (p == int.class) {
                c.op(0x15).u1(slot); // iload
                slot += 1;
            } else if (!p.isPrimitive()) {
                c.op(0x19).u1(slot); // aload
                slot += 1;
            } else {
                throw new IllegalArgumentException(m + ": parameters are int, long or a reference");
            }
        }
        if (slot > 255) throw new IllegalArgumentException(m + ": too many parameters");
        c.op(0xba).u2(pool.invokeDynamic(0, m.getName(), descriptor(m))).u2(0); // invokedynamic
        Class<?> r = m.getReturnType();
        if (r == void.class) c.op(0xb1);
        else if (r == long.class) c.op(0xad); // lreturn
        else if (r == int.class) c.op(0xac); // ireturn
        else if (!r.isPrimitive()) c.op(0xb0); // areturn
        else throw new IllegalArgumentException(m + ": returns void, int, long or a reference");
        // The arguments as locals (slot - 1 words after this) and as operands: the same words.
        return c.attribute(Math.max(slot - 1, 2), slot);
    }

    /** A method's bytecode, then its Code attribute's body. */
    private static final class Code {
        private final ByteArrayOutputStream code = new ByteArrayOutputStream();

        Code op(int opcode) {
            code.write(opcode);
            return this;
        }

        Code u1(int v) {
            code.write(v);
            return this;
        }

        Code u2(int v) {
            code.write(v >>> 8);
            code.write(v);
            return this;
        }

        byte[] attribute(int maxStack, int maxLocals) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(b)) {
                out.writeShort(maxStack);
                out.writeShort(maxLocals);
                out.writeInt(code.size());
                code.writeTo(out);
                out.writeShort(0); // no exception table
                out.writeShort(0); // no attributes (no branch: no StackMapTable)
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return b.toByteArray();
        }
    }

    /** The constant pool, each entry written once. */
    private static final class Pool {
        private final ByteArrayOutputStream entries = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(entries);
        private final Map<String, Integer> indexes = new HashMap<>();
        private int next = 1;

        int utf8(String s) {
            return entry("U" + s, () -> {
                out.writeByte(1);
                out.writeUTF(s);
            });
        }

        int classRef(String internalName) {
            int n = utf8(internalName);
            return entry("C" + internalName, () -> {
                out.writeByte(7);
                out.writeShort(n);
            });
        }

        /** A CONSTANT_MethodHandle of {@code kind} (6: REF_invokeStatic) over the member {@code reference}. */
        int methodHandle(int kind, int reference) {
            return entry("H" + kind + ":" + reference, () -> {
                out.writeByte(15);
                out.writeByte(kind);
                out.writeShort(reference);
            });
        }

        /** A CONSTANT_InvokeDynamic: bootstrap method {@code bootstrap} of the class's attribute, and a name and type. */
        int invokeDynamic(int bootstrap, String name, String descriptor) {
            int nameAndType = nameAndType(name, descriptor);
            return entry("I" + bootstrap + ":" + name + ":" + descriptor, () -> {
                out.writeByte(18);
                out.writeShort(bootstrap);
                out.writeShort(nameAndType);
            });
        }

        int methodRef(String owner, String name, String descriptor) {
            return member(10, owner, name, descriptor);
        }

        private int member(int tag, String owner, String name, String descriptor) {
            int c = classRef(owner);
            int nameAndType = nameAndType(name, descriptor);
            return entry(tag + owner + "." + name + ":" + descriptor, () -> {
                out.writeByte(tag);
                out.writeShort(c);
                out.writeShort(nameAndType);
            });
        }

        private int nameAndType(String name, String descriptor) {
            int n = utf8(name);
            int d = utf8(descriptor);
            return entry("N" + name + ":" + descriptor, () -> {
                out.writeByte(12);
                out.writeShort(n);
                out.writeShort(d);
            });
        }

        void writeTo(DataOutputStream to) throws IOException {
            if (next > 0xFFFF) throw new IllegalStateException("constant pool overflow");
            to.writeShort(next);
            out.flush();
            entries.writeTo(to);
        }

        private interface Writer {
            void write() throws IOException;
        }

        private int entry(String key, Writer writer) {
            Integer known = indexes.get(key);
            if (known != null) return known;
            try {
                writer.write();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            indexes.put(key, next);
            return next++;
        }
    }
}
