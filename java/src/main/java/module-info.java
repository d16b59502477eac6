/** jsock: the whole BSD socket API for Java on Linux. */
module io.jsock {
    requires org.jnrproject.ffi;
    requires jdk.unsupported;

    exports io.jsock;
    exports io.jsock.netlink;
    // JNR-FFI implements the binding interfaces in classes it generates at run time, in a
    // module of their own: they must see these interfaces.
    opens io.jsock.internal;
}
