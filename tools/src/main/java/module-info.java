/** The jsock command: moves bytes between stdin/stdout and a socket, on the public API of io.jsock. */
module io.jsock.tools {
    requires io.jsock;
}
