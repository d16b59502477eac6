package io.jsock.benchmarks.suite;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the results were measured on: CPU model and count, memory, kernel, and the suite's JVM. */
final class Machine {
    private Machine() {}

    static JsonObject describe() {
        JsonObject m = new JsonObject();
        List<String> cpuinfo = lines(Path.of("/proc/cpuinfo"));
        m.addProperty("cpu", field(cpuinfo, "model name", System.getProperty("os.arch")));
        m.addProperty("cpus", cpuinfo.stream().filter(l -> l.startsWith("processor")).count());
        m.addProperty("memory", memory(field(lines(Path.of("/proc/meminfo")), "MemTotal", "")));
        m.addProperty("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.addProperty("arch", System.getProperty("os.arch"));
        m.addProperty("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        return m;
    }

    /**
     * The machine's load now: the 1-minute load average and the kernel's CPU time counters (all
     * CPUs, in clock ticks: busy, idle with iowait, steal), from which the report tells how busy
     * the machine was, and how much of it the hypervisor took, between two samples.
     */
    static JsonObject load() {
        JsonObject s = new JsonObject();
        List<String> loadavg = lines(Path.of("/proc/loadavg"));
        if (!loadavg.isEmpty()) s.addProperty("loadavg1", Double.parseDouble(loadavg.get(0).split("\\s+")[0]));
        for (String line : lines(Path.of("/proc/stat"))) {
            if (!line.startsWith("cpu ")) continue;
            String[] f = line.trim().split("\\s+");
            long[] v = new long[f.length - 1];
            for (int i = 1; i < f.length; i++) v[i - 1] = Long.parseLong(f[i]);
            // user nice system idle iowait irq softirq steal (guest time is inside user)
            long idle = v[3] + (v.length > 4 ? v[4] : 0);
            long steal = v.length > 7 ? v[7] : 0;
            long busy = 0;
            for (int i = 0; i < Math.min(v.length, 8); i++) busy += v[i];
            busy -= idle + steal;
            s.addProperty("busyTicks", busy);
            s.addProperty("idleTicks", idle);
            s.addProperty("stealTicks", steal);
        }
        return s;
    }

    /** MemTotal ("24684092 kB") in GiB. */
    private static String memory(String memTotal) {
        String[] f = memTotal.split("\\s+");
        if (f.length != 2 || !f[1].equals("kB")) return "unknown memory";
        return String.format(java.util.Locale.ROOT, "%.1f GiB", Long.parseLong(f[0]) / (1024.0 * 1024.0));
    }

    private static String field(List<String> lines, String name, String otherwise) {
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) return line.substring(colon + 1).trim();
        }
        return otherwise;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
