package io.appc.validator.types;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.Compat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostIpTest {
  @ParameterizedTest
  @ValueSource(strings = {"203.0.113.23", "0.0.0.0", "255.255.255.255", "10.1.2.3", "127.0.0.1"})
  void acceptsDottedQuadsInBothModes(String value) throws InvalidValueException {
    for (Compat compat : Compat.values()) {
      assertFalse(HostIp.parse(value, compat).ipv6());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "abc",
        "256.0.0.1",
        "1.2.3",
        "1.2.3.4.5",
        "010.0.0.1",
        "1.2.3.",
        " 1.2.3.4",
        "1.2.3.4 ",
        "1..2.3",
        "::1%eth0",
        ":::1",
        "1:2:3:4:5:6:7:8:9",
        "1::2::3",
        "12345:1::",
        "::1.2.3",
        "1:2:3:4:5:6:7:8::"
      })
  void rejectsInBothModes(String value) {
    for (Compat compat : Compat.values()) {
      assertThrows(InvalidValueException.class, () -> HostIp.parse(value, compat), value);
    }
  }

  /** Go's net.ParseIP accepts IPv6 (VR R-PORT-04); pods.md asks for IPv4. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "::1",
        "::",
        "2001:db8::1",
        "fe80::1:2",
        "1:2:3:4:5:6:7:8",
        "::ffff:192.0.2.1",
        "1:2:3:4:5:6:1.2.3.4",
        "2001:DB8::"
      })
  void acceptsIpv6OnlyInActoolMode(String value) throws InvalidValueException {
    assertTrue(HostIp.parse(value, Compat.ACTOOL).ipv6());
    assertThrows(InvalidValueException.class, () -> HostIp.parse(value, Compat.SPEC));
  }
}
