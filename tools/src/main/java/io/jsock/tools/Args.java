package io.jsock.tools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The arguments of one command: the options it declares, and one address. */
final class Args {

    /** An option: {@code --name}, maybe {@code -x}, and a value when {@code valueName} is set. */
    record Option(String name, String shortName, String valueName, String help) {
        boolean takesValue() {
            return valueName != null;
        }

        boolean matches(String arg) {
            return arg.equals("--" + name) || (shortName != null && arg.equals("-" + shortName));
        }

        /** The line --help shows. */
        String describe() {
            String flags = (shortName == null ? "    " : "-" + shortName + ", ") + "--" + name
                    + (takesValue() ? " " + valueName : "");
            return String.format("  %-24s %s", flags, help);
        }
    }

    static final Option HELP = new Option("help", "h", null, "show this help and exit");
    static final Option VERBOSE = new Option("verbose", "v", null, "report addresses and connections on stderr");

    private final Map<Option, String> given = new HashMap<>();
    private final Endpoint address;

    private Args(Map<Option, String> given, Endpoint address) {
        this.given.putAll(given);
        this.address = address;
    }

    /** True when {@code --help} or {@code -h} is anywhere in {@code args}: help wins over any mistake. */
    static boolean wantsHelp(List<String> args) {
        return args.stream().anyMatch(HELP::matches);
    }

    /** Reads {@code args} for {@code command}, which takes {@code options} and one address. */
    static Args parse(String command, List<Option> options, List<String> args) throws UsageError {
        Map<Option, String> given = new HashMap<>();
        List<String> operands = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                operands.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            String inline = null; // --name=value
            int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
            if (eq > 0) {
                inline = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            Option option = find(options, arg);
            if (option == null) throw new UsageError(command + ": unknown option '" + arg + "'");
            if (!option.takesValue()) {
                if (inline != null) throw new UsageError(command + ": option '" + arg + "' takes no value");
                given.put(option, "");
            } else if (inline != null) {
                given.put(option, inline);
            } else if (i + 1 < args.size()) {
                given.put(option, args.get(++i));
            } else {
                throw new UsageError(command + ": option '" + arg + "' needs a value " + option.valueName());
            }
        }
        if (operands.isEmpty()) throw new UsageError(command + ": missing address (see 'jsock " + command + " --help')");
        if (operands.size() > 1) throw new UsageError(command + ": unexpected argument '" + operands.get(1) + "'");
        return new Args(given, Endpoint.parse(operands.get(0)));
    }

    private static Option find(List<Option> options, String arg) {
        for (Option o : options) {
            if (o.matches(arg)) return o;
        }
        return null;
    }

    boolean has(Option option) {
        return given.containsKey(option);
    }

    /** The value given to {@code option}, or null. */
    String value(Option option) {
        return given.get(option);
    }

    Endpoint address() {
        return address;
    }
}
