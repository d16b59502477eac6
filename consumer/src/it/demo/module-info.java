/** A program that uses jsock as its users do: from the published jar, as a named module. */
module demo {
    requires io.jsock;
}
