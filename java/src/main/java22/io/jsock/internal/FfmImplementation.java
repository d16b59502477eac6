package io.jsock.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A class that implements a binding interface ({@link Shim}, {@link LibC}) over one method handle
 * per method: each method is {@code return H<i>.invokeExact(args...)}, with {@code H<i>} a static
 * final field. The JIT treats such a field as a constant and inlines the handle into the caller,
 * so a call costs what the downcall costs, without boxing or an array per call (which a
 * java.lang.reflect.Proxy would allocate). The class is written here as bytes (Java 22 and 23 have
 * no class-file API) and defined as a hidden class of this package, its handles given as class
 * data: straight-line code only (no branch, so no stack map frames), version 52.
 */
final class FfmImplementation {
    private static final String HANDLE = "java/lang/invoke/MethodHandle";
    private static final String HANDLE_DESCRIPTOR = "L" + HANDLE + ";";

    private final Pool pool = new Pool();

    private FfmImplementation() {}

    /**
     * An instance of {@code api} whose method {@code methods.get(i)} invokes {@code handles.get(i)},
     * whose type must be exactly that method's.
     */
    static <T> T of(Class<T> api, List<Method> methods, List<MethodHandle> handles) {
        for (int i = 0; i < methods.size(); i++) {
            MethodType type = MethodType.methodType(methods.get(i).getReturnType(), methods.get(i).getParameterTypes());
            if (!handles.get(i).type().equals(type)) {
                throw new IllegalArgumentException(methods.get(i) + ": the handle's type is " + handles.get(i).type());
            }
        }
        String name = FfmImplementation.class.getPackageName().replace('.', '/') + "/Ffm" + api.getSimpleName();
        byte[] bytes = new FfmImplementation().write(name, api, methods);
        try {
            MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClassWithClassData(bytes, List.copyOf(handles), true);
            return api.cast(hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke());
        } catch (Error | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("could not define the FFM implementation of " + api.getName(), t);
        }
    }

    private byte[] write(String name, Class<?> api, List<Method> methods) {
        int thisClass = pool.classRef(name);
        int superClass = pool.classRef("java/lang/Object");
        int iface = pool.classRef(api.getName().replace('.', '/'));
        List<byte[]> codes = new ArrayList<>();
        codes.add(constructor());
        codes.add(staticInitializer(name, methods.size()));
        for (int i = 0; i < methods.size(); i++) codes.add(forward(name, i, methods.get(i)));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(52);
            // The fields' and methods' names and descriptors enter the pool before it is written.
            int[] fieldNames = new int[methods.size()];
            for (int i = 0; i < methods.size(); i++) fieldNames[i] = pool.utf8(field(i));
            int handleDescriptor = pool.utf8(HANDLE_DESCRIPTOR);
            int[][] headers = new int[codes.size()][];
            headers[0] = new int[] {0x0001, pool.utf8("<init>"), pool.utf8("()V")};
            headers[1] = new int[] {0x0008, pool.utf8("<clinit>"), pool.utf8("()V")};
            for (int i = 0; i < methods.size(); i++) {
                headers[i + 2] = new int[] {0x0001, pool.utf8(methods.get(i).getName()), pool.utf8(descriptor(methods.get(i)))};
            }
            int code = pool.utf8("Code");
            pool.writeTo(out);
            out.writeShort(0x0031); // ACC_PUBLIC | ACC_FINAL | ACC_SUPER
            out.writeShort(thisClass);
            out.writeShort(superClass);
            out.writeShort(1);
            out.writeShort(iface);
            out.writeShort(methods.size());
            for (int fieldName : fieldNames) {
                out.writeShort(0x001A); // private static final
                out.writeShort(fieldName);
                out.writeShort(handleDescriptor);
                out.writeShort(0);
            }
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
            out.writeShort(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String field(int i) {
        return "H" + i;
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

    /** {@code H<i> = MethodHandles.classDataAt(MethodHandles.lookup(), "_", MethodHandle.class, i);} for each i. */
    private byte[] staticInitializer(String name, int count) {
        Code c = new Code();
        int lookup = pool.methodRef("java/lang/invoke/MethodHandles", "lookup", "()Ljava/lang/invoke/MethodHandles$Lookup;");
        int classDataAt = pool.methodRef("java/lang/invoke/MethodHandles", "classDataAt",
                "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)Ljava/lang/Object;");
        int underscore = pool.string("_");
        int handleClass = pool.classRef(HANDLE);
        for (int i = 0; i < count; i++) {
            c.op(0xb8).u2(lookup); // invokestatic
            c.op(0x13).u2(underscore); // ldc_w
            c.op(0x13).u2(handleClass); // ldc_w
            c.op(0x11).u2(i); // sipush
            c.op(0xb8).u2(classDataAt); // invokestatic
            c.op(0xc0).u2(handleClass); // checkcast
            c.op(0xb3).u2(pool.fieldRef(name, field(i), HANDLE_DESCRIPTOR)); // putstatic
        }
        c.op(0xb1); // return
        return c.attribute(4, 0);
    }

    /** {@code return H<i>.invokeExact(args...);} */
    private byte[] forward(String name, int i, Method m) {
        Code c = new Code();
        c.op(0xb2).u2(pool.fieldRef(name, field(i), HANDLE_DESCRIPTOR)); // getstatic
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
        c.op(0xb6).u2(pool.methodRef(HANDLE, "invokeExact", descriptor(m))); // invokevirtual
        Class<?> r = m.getReturnType();
        if (r == void.class) c.op(0xb1);
        else if (r == long.class) c.op(0xad); // lreturn
        else if (r == int.class) c.op(0xac); // ireturn
        else if (!r.isPrimitive()) c.op(0xb0); // areturn
        else throw new IllegalArgumentException(m + ": returns void, int, long or a reference");
        return c.attribute(Math.max(slot, 2), slot);
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

        int string(String s) {
            int n = utf8(s);
            return entry("S" + s, () -> {
                out.writeByte(8);
                out.writeShort(n);
            });
        }

        int fieldRef(String owner, String name, String descriptor) {
            return member(9, owner, name, descriptor);
        }

        int methodRef(String owner, String name, String descriptor) {
            return member(10, owner, name, descriptor);
        }

        private int member(int tag, String owner, String name, String descriptor) {
            int c = classRef(owner);
            int n = utf8(name);
            int d = utf8(descriptor);
            int nameAndType = entry("N" + name + ":" + descriptor, () -> {
                out.writeByte(12);
                out.writeShort(n);
                out.writeShort(d);
            });
            return entry(tag + owner + "." + name + ":" + descriptor, () -> {
                out.writeByte(tag);
                out.writeShort(c);
                out.writeShort(nameAndType);
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
