package io.jsock.netlink;

import static io.jsock.netlink.NetlinkConstants.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsock.testing.Programs;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Generic netlink families, resolved through nlctrl, compared with iproute2's genl. */
class GenericNetlinkTest {

    @Test
    void theControllerDescribesItself() throws Exception {
        try (GenericNetlink genl = GenericNetlink.open()) {
            GenlFamily ctrl = genl.family("nlctrl");
            assertEquals(GENL_ID_CTRL, ctrl.id());
            assertEquals("nlctrl", ctrl.name());
            assertTrue(ctrl.version() >= 1);
            assertNotNull(ctrl.operation(CTRL_CMD_GETFAMILY));
            assertNotNull(ctrl.group("notify"));
            assertNull(ctrl.group("no such group"));
        }
    }

    @Test
    void anUnknownFamilyIsENOENT() throws Exception {
        try (GenericNetlink genl = GenericNetlink.open()) {
            NetlinkException e = assertThrows(NetlinkException.class, () -> genl.family("no-such-family"));
            assertEquals("ENOENT", e.errnoName());
            assertEquals("CTRL_CMD_GETFAMILY", e.call());
        }
    }

    @Test
    void theRequestApiSpeaksToAFamily() throws Exception {
        try (GenericNetlink genl = GenericNetlink.open()) {
            GenlFamily ctrl = genl.family("nlctrl");
            List<GenlMessage> replies = genl.request(ctrl, CTRL_CMD_GETFAMILY, m -> m.attrString(CTRL_ATTR_FAMILY_NAME, "nlctrl"));
            assertEquals(1, replies.size());
            GenlMessage r = replies.get(0);
            assertEquals(CTRL_CMD_NEWFAMILY, r.command());
            assertEquals("nlctrl", r.attributes().string(CTRL_ATTR_FAMILY_NAME));
            List<GenlMessage> all = genl.dump(ctrl, CTRL_CMD_GETFAMILY, m -> { });
            assertEquals(genl.families().size(), all.size());
        }
    }

    @Test
    void everyFamilyAsGenlListsIt() throws Exception {
        Programs.Result genl;
        try {
            genl = Programs.run("genl", "ctrl", "list");
        } catch (java.io.IOException e) {
            assumeTrue(false, "skipped: iproute2's genl is not installed");
            return;
        }
        assertEquals(0, genl.exit(), genl.err());
        Map<String, Integer> theirs = new TreeMap<>();
        Matcher m = Pattern.compile("Name: (\\S+)\\s+ID: 0x([0-9a-f]+)").matcher(genl.out());
        while (m.find()) theirs.put(m.group(1), Integer.parseInt(m.group(2), 16));
        try (GenericNetlink g = GenericNetlink.open()) {
            Map<String, Integer> ours = g.families().stream()
                    .collect(Collectors.toMap(GenlFamily::name, GenlFamily::id, (a, b) -> a, TreeMap::new));
            assertFalse(theirs.isEmpty());
            assertEquals(theirs, ours);
        }
    }
}
