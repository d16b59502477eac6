/** jsock: the whole BSD socket API for Java on Linux. */
module io.jsock {
    requires org.jnrproject.ffi;
    // JNR-FFI generates its bindings with ASM. JNR-FFI is an automatic module and cannot say so,
    // and ASM is an explicit module, which the module system resolves only when a module requires
    // it: without this line, any application on the module path fails at the first native call.
    requires org.objectweb.asm;
    requires jdk.unsupported;

    exports io.jsock;
    exports io.jsock.netlink;
    exports io.jsock.tipc;
    // JNR-FFI implements the binding interfaces in classes it generates at run time, in a
    // module of their own: they must see these interfaces.
    opens io.jsock.internal;
}
