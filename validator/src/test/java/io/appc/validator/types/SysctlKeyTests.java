package io.appc.validator.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SysctlKeyTests {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "net.ipv4.tcp_keepalive_time",
        "net.ipv4.tcp_rfc1337",
        "net/ipv4/conf/eth0.100/forwarding",
        "kernel.shm_rmid_forced",
        "foo",
        "net.ipv6.conf.all.disable_ipv6"
      })
  void parsesSysctlKeys(String key) throws Exception {
    assertEquals(key, SysctlKey.parse(key).key());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ".net",
        "net.",
        "net..ipv4",
        "/proc/sys/net",
        "net/../../etc",
        "net/./x",
        "net ipv4",
        "net.ipv4.*",
        "net.ipv4=1",
        "net\tipv4",
        "ñet"
      })
  void rejectsWhatIsNoSysctlKey(String key) {
    SysctlKeyFormatException e =
        assertThrows(SysctlKeyFormatException.class, () -> SysctlKey.parse(key));
    assertTrue(e.getMessage().startsWith("need "), e.getMessage());
    assertEquals(key, e.input());
  }

  @Test
  void slashFormKeepsDotsInsideComponents() throws Exception {
    SysctlKey key = SysctlKey.parse("net/ipv4/conf/eth0.100/forwarding");
    assertEquals(List.of("net", "ipv4", "conf", "eth0.100", "forwarding"), key.components());
    assertEquals("net/ipv4/conf/eth0.100/forwarding", key.path());
  }

  @Test
  void knowsWhichKeysNamespacesIsolate() throws Exception {
    assertTrue(SysctlKey.parse("net.ipv4.ip_forward").namespaced());
    assertTrue(SysctlKey.parse("net/core/somaxconn").namespaced());
    assertTrue(SysctlKey.parse("kernel.shmmax").namespaced());
    assertTrue(SysctlKey.parse("fs.mqueue.msg_max").namespaced());
    assertFalse(SysctlKey.parse("kernel.shmmax_extra").namespaced());
    assertFalse(SysctlKey.parse("vm.swappiness").namespaced());
    assertFalse(SysctlKey.parse("network.x").namespaced());
  }
}
