package io.appc.validator.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.Compat;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceQuantityTests {
  private static final String MAX = "9223372036854775807";

  /** validation-rules.md §16.22, TestQuantityParse: input and exact value. */
  static Stream<Arguments> goValidVectors() {
    return Stream.of(
        // zeros in every format
        v("0", "0"),
        v("0n", "0"),
        v("0u", "0"),
        v("0m", "0"),
        v("0k", "0"),
        v("0M", "0"),
        v("0G", "0"),
        v("0T", "0"),
        v("0Ki", "0"),
        v("0Mi", "0"),
        v("0Gi", "0"),
        v("0Ti", "0"),
        v("1", "1"),
        // binary suffixes
        v("1Ki", "1024"),
        v("8Ki", "8192"),
        v("7Mi", "7340032"),
        v("6Gi", "6442450944"),
        v("5Ti", "5497558138880"),
        v("4Pi", "4503599627370496"),
        v("3Ei", "3458764513820540928"),
        v("10Ti", "10995116277760"),
        v("100Ti", "109951162777600"),
        // decimal suffixes
        v("5n", "0.000000005"),
        v("4u", "0.000004"),
        v("3m", "0.003"),
        v("9", "9"),
        v("8k", "8000"),
        v("50k", "50000"),
        v("7M", "7000000"),
        v("6G", "6000000000"),
        v("5T", "5000000000000"),
        v("40T", "40000000000000"),
        v("300T", "300000000000000"),
        v("2P", "2000000000000000"),
        v("1E", "1000000000000000000"),
        // decimal exponents
        v("1E-3", "0.001"),
        v("1e3", "1000"),
        v("1E6", "1000000"),
        v("1e9", "1000000000"),
        v("1E12", "1000000000000"),
        v("1e15", "1000000000000000"),
        v("1E18", "1000000000000000000"),
        v("1e14", "100000000000000"),
        v("1e13", "10000000000000"),
        // fractions
        v("100.035k", "100035"),
        v("0.001", "0.001"),
        v("0.0005k", "0.5"),
        v("0.005", "0.005"),
        v("0.05", "0.05"),
        v("0.5", "0.5"),
        v("0.00050k", "0.5"),
        v("0.00500", "0.005"),
        v("0.05000", "0.05"),
        v("0.50000", "0.5"),
        v("0.5e0", "0.5"),
        v("0.5e-1", "0.05"),
        v("0.5e-2", "0.005"),
        v("10.035M", "10035000"),
        v("1.2e3", "1200"),
        v("1.3E+6", "1300000"),
        v("1.40e9", "1400000000"),
        v("1.53E12", "1530000000000"),
        v("1.6e15", "1600000000000000"),
        v("1.7E18", "1700000000000000000"),
        v("9.01", "9.01"),
        v("8.1k", "8100"),
        v("7.123456M", "7123456"),
        v("6.987654321G", "6987654321"),
        v("5.444T", "5444000000000"),
        v("40.1T", "40100000000000"),
        v("300.2T", "300200000000000"),
        v("2.5P", "2500000000000000"),
        v("1.01E", "1010000000000000000"),
        // rounding up to a multiple of 1e-9
        v("3.001n", "0.000000004"),
        v("1.1E-9", "0.000000002"),
        v("0.0000000001", "0.000000001"),
        v("0.0000000005", "0.000000001"),
        v("0.00000000050", "0.000000001"),
        v("0.5e-9", "0.000000001"),
        v("0.9n", "0.000000001"),
        v("0.00000012345", "0.000000124"),
        v("0.00000012354", "0.000000124"),
        // binary values saturate at 2^63-1, decimal ones do not
        v("9Ei", MAX),
        v("9223372036854775807Ki", MAX),
        v("12E", "12000000000000000000"),
        // fractional binary values
        v("100.035Ki", "102435.84"),
        v("0.5Mi", "524288"),
        v("0.05Gi", "53687091.2"),
        v("0.025Ti", "27487790694.4"),
        // odd forms
        v("0.000000000001Ki", "0.000000002"),
        v(".001", "0.001"),
        v(".0001k", "0.1"),
        v("1.", "1"),
        v("1.G", "1000000000"));
  }

  private static Arguments v(String input, String value) {
    return Arguments.of(input, new BigDecimal(value));
  }

  @ParameterizedTest
  @MethodSource("goValidVectors")
  void actoolParsesGoVectorsToTheirExactValue(String input, BigDecimal expected) throws Exception {
    assertEquals(0, ResourceQuantity.parse(input, Compat.ACTOOL).value().compareTo(expected));
  }

  @ParameterizedTest
  @MethodSource("goValidVectors")
  void actoolParsesGoVectorsWithPlusSignToTheSameValue(String input, BigDecimal expected)
      throws Exception {
    assertEquals(0, ResourceQuantity.parse("+" + input, Compat.ACTOOL).value().compareTo(expected));
  }

  @ParameterizedTest
  @MethodSource("goValidVectors")
  void actoolParsesGoVectorsWithMinusSignToTheNegatedValue(String input, BigDecimal expected)
      throws Exception {
    assertEquals(
        0, ResourceQuantity.parse("-" + input, Compat.ACTOOL).value().compareTo(expected.negate()));
  }

  /** §16.22 invalid table, R-QTY-04 and the [probe] rows of §16.31. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "1.1.M", "1+1.0M", "0.1mi", "0.1am", "aoeu", ".5i", "1i", "-3.01i", "-3.01e-", " 1",
        "1 ", "1K", "KiB", "1KiB", "i", "1e", "1e+", "5e-", "ee3", "1Ki5", "1.5e3m", "1E3i", "0x10",
        "1,5", "1_000", "\u0661",
      })
  void actoolRejectsWhatGoRejects(String input) {
    assertThrows(QuantityFormatException.class, () -> ResourceQuantity.parse(input, Compat.ACTOOL));
  }

  /** R-QTY-01: a missing number reads as zero. */
  @ParameterizedTest
  @ValueSource(strings = {"+", "-", ".", "-.", "m", "Ki", "e3", "Ti", "E", "+0", "000"})
  void actoolReadsDegenerateQuantitiesAsZero(String input) throws Exception {
    assertEquals(0, ResourceQuantity.parse(input, Compat.ACTOOL).signum());
  }

  /**
   * Go's slow path re-parses the number before the suffix and needs a digit there; the fast path
   * does not, so a bare {@code Ti} is zero but a bare {@code Pi} fails.
   */
  @ParameterizedTest
  @ValueSource(strings = {"Pi", "Ei", "e-10", "-E-10", ".e-12"})
  void actoolRejectsBareSuffixesThatTakeGosSlowPath(String input) {
    QuantityFormatException e =
        assertThrows(
            QuantityFormatException.class, () -> ResourceQuantity.parse(input, Compat.ACTOOL));
    assertTrue(e.getMessage().startsWith("need digits before the suffix"), e.getMessage());
  }

  @Test
  void actoolAcceptsHugeExponentsWithoutExpandingThem() throws Exception {
    ResourceQuantity big = ResourceQuantity.parse("1e400", Compat.ACTOOL);
    assertEquals(0, big.value().compareTo(BigDecimal.ONE.scaleByPowerOfTen(400)));
    assertEquals(Long.MAX_VALUE, big.bytesCeil());
    ResourceQuantity tiny = ResourceQuantity.parse("1e-2000000000", Compat.ACTOOL);
    assertEquals(0, tiny.value().compareTo(new BigDecimal("0.000000001")));
    assertEquals(1, tiny.bytesCeil());
  }

  @Test
  void actoolRejectsExponentsBeyond32Bits() {
    assertThrows(
        QuantityFormatException.class,
        () -> ResourceQuantity.parse("1.5e-2147483648", Compat.ACTOOL));
  }

  /** §16.22 TestJSONWhitespace: JSON strings are trimmed, and bare numbers are accepted. */
  @Test
  void actoolTrimsJsonStringsAndAcceptsJsonNumbers() throws Exception {
    for (String s : List.of(" 1", "1 ", "1", "\u00a01\u3000")) {
      assertEquals(
          0,
          ResourceQuantity.fromJsonString(s, Compat.ACTOOL).value().compareTo(BigDecimal.ONE),
          s);
    }
    assertEquals(-1, ResourceQuantity.fromJsonString(" -1", Compat.ACTOOL).value().intValueExact());
    assertEquals(
        10, ResourceQuantity.fromJsonNumber(BigDecimal.TEN, Compat.ACTOOL).value().intValue());
    assertEquals(
        0,
        ResourceQuantity.fromJsonNumber(new BigDecimal("1e-10"), Compat.ACTOOL)
            .value()
            .compareTo(new BigDecimal("1e-9")));
  }

  @Test
  void actoolRejectsJsonStringsThatNeededEscapes() {
    assertThrows(
        QuantityFormatException.class, () -> ResourceQuantity.fromJsonString("\t1", Compat.ACTOOL));
    assertThrows(
        QuantityFormatException.class, () -> ResourceQuantity.fromJsonString("1\\", Compat.ACTOOL));
  }

  @Test
  void actoolExplainsThatOnlyLowerCaseKMeansKilo() {
    QuantityFormatException e =
        assertThrows(
            QuantityFormatException.class, () -> ResourceQuantity.parse("1K", Compat.ACTOOL));
    assertTrue(e.getMessage().startsWith("need a suffix"), e.getMessage());
    assertTrue(e.getMessage().contains("got \"K\""), e.getMessage());
    assertTrue(e.hint().contains("lower-case k"), e.hint());
    assertEquals("1K", e.input());
  }

  /** ace.md: "128974848", "125952Ki" and "123Mi" are the same value. */
  @ParameterizedTest
  @ValueSource(strings = {"128974848", "125952Ki", "123Mi"})
  void specReadsTheSpecsEquivalentQuantities(String input) throws Exception {
    ResourceQuantity q = ResourceQuantity.parse(input, Compat.SPEC);
    assertEquals(128974848L, q.bytesCeil());
    assertTrue(q.isWhole());
  }

  @Test
  void specReadsDecimalsAndMilliUnitsAlike() throws Exception {
    ResourceQuantity decimal = ResourceQuantity.parse("0.3", Compat.SPEC);
    ResourceQuantity milli = ResourceQuantity.parse("300m", Compat.SPEC);
    assertEquals(0, decimal.compareTo(milli));
    assertEquals(300, milli.milliCeil());
    assertEquals(1, milli.bytesCeil());
    assertFalse(milli.isWhole());
    assertTrue(milli.isWholeMilli());
    assertEquals("m", milli.suffix());
  }

  static Stream<Arguments> specValid() {
    return Stream.of(
        v("1K", "1000"),
        v("2.5K", "2500"),
        v("2M", "2000000"),
        v("1G", "1000000000"),
        v("2T", "2000000000000"),
        v("3P", "3000000000000000"),
        v("1E", "1000000000000000000"),
        v("1.5Gi", "1610612736"),
        v("1Ei", "1152921504606846976"),
        v("9Ei", "10376293541461622784"),
        v("0", "0"),
        v("0.5m", "0.0005"),
        v("007", "7"));
  }

  @ParameterizedTest
  @MethodSource("specValid")
  void specParsesTheSpecGrammar(String input, BigDecimal expected) throws Exception {
    assertEquals(0, ResourceQuantity.parse(input, Compat.SPEC).value().compareTo(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "-1", "+1", "1e3", "1E-3", "5n", "4u", " 1", "1 ", ".5", "1.", "Ki", "m", "1KB", "1kb",
        "1Kib", "1mi", "0x10", "1,5", "1 Gi", "1.G", "E", "1k", "8.1k"
      })
  void specRejectsWhatTheSpecGrammarLacks(String input) {
    QuantityFormatException e =
        assertThrows(
            QuantityFormatException.class, () -> ResourceQuantity.parse(input, Compat.SPEC));
    assertTrue(e.getMessage().startsWith("need "), e.getMessage());
    assertFalse(e.hint().isEmpty(), input);
  }

  @Test
  void specHintsPointAtTheFix() {
    assertTrue(hintFor("1e3").contains("1K"), hintFor("1e3"));
    assertTrue(hintFor("8k").contains("8K"), hintFor("8k"));
    assertTrue(hintFor("8k").contains("--compat=actool"), hintFor("8k"));
    assertTrue(hintFor("-1").contains("negative"), hintFor("-1"));
    assertTrue(hintFor(".5").contains("0.5"), hintFor(".5"));
    assertTrue(hintFor("5n").contains("milli"), hintFor("5n"));
    assertTrue(hintFor(" 1").contains("spaces"), hintFor(" 1"));
  }

  private static String hintFor(String input) {
    try {
      ResourceQuantity.parse(input, Compat.SPEC);
      return "(parsed)";
    } catch (QuantityFormatException e) {
      return e.hint();
    }
  }

  @Test
  void specDoesNotTrimJsonStrings() {
    assertThrows(
        QuantityFormatException.class, () -> ResourceQuantity.fromJsonString(" 1G ", Compat.SPEC));
  }

  @Test
  void specAcceptsNonNegativeJsonNumbersOnly() throws Exception {
    assertEquals(
        0,
        ResourceQuantity.fromJsonNumber(new BigDecimal("0.3"), Compat.SPEC)
            .value()
            .compareTo(new BigDecimal("0.3")));
    assertThrows(
        QuantityFormatException.class,
        () -> ResourceQuantity.fromJsonNumber(new BigDecimal("-1"), Compat.SPEC));
  }

  @Test
  void ceilingHelpersRoundUpAndSaturate() throws Exception {
    assertEquals(2, ResourceQuantity.parse("1.5", Compat.SPEC).bytesCeil());
    assertEquals(1, ResourceQuantity.parse("0.0001", Compat.SPEC).milliCeil());
    assertEquals(-1, ResourceQuantity.parse("-1.5", Compat.ACTOOL).bytesCeil());
    assertEquals(Long.MAX_VALUE, ResourceQuantity.parse("12E", Compat.ACTOOL).bytesCeil());
    assertEquals(Long.MIN_VALUE, ResourceQuantity.parse("-12E", Compat.ACTOOL).bytesCeil());
    assertEquals(Long.MAX_VALUE, ResourceQuantity.parse("9Ei", Compat.ACTOOL).bytesCeil());
    assertEquals(Long.MAX_VALUE, ResourceQuantity.parse("9Ei", Compat.ACTOOL).milliCeil());
  }

  /** §6.3 R-QTY-05: the accessors the Go isolator tests read. */
  @Test
  void goAccessorVectorsMatch() throws Exception {
    assertEquals(30, ResourceQuantity.parse("30m", Compat.ACTOOL).milliCeil());
    assertEquals(1, ResourceQuantity.parse("1m", Compat.ACTOOL).milliCeil());
    assertEquals(1000000000L, ResourceQuantity.parse("1G", Compat.ACTOOL).bytesCeil());
    assertEquals(2147483648L, ResourceQuantity.parse("2Gi", Compat.ACTOOL).bytesCeil());
  }

  @Test
  void compareToComparesAmountsAcrossSuffixes() throws Exception {
    ResourceQuantity kibi = ResourceQuantity.parse("1Ki", Compat.SPEC);
    ResourceQuantity kilo = ResourceQuantity.parse("1K", Compat.SPEC);
    ResourceQuantity bytes = ResourceQuantity.parse("1024", Compat.SPEC);
    assertTrue(kibi.compareTo(kilo) > 0);
    assertEquals(0, kibi.compareTo(bytes));
    assertFalse(kibi.equals(bytes));
    assertEquals(new BigInteger("1024"), kibi.value().toBigIntegerExact());
  }
}
