package io.appc.validator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.Compat;
import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitReportTest {
  private static Document parse(ValidationReport report) throws Exception {
    String xml = Reports.render(new JunitReport(), report);
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void writesOneSuiteAndCasePerFile() throws Exception {
    Document doc = parse(Reports.sample(false));

    Element root = doc.getDocumentElement();
    assertEquals("testsuites", root.getTagName());
    assertEquals("3", root.getAttribute("tests"));
    assertEquals("2", root.getAttribute("failures"));
    assertEquals("0", root.getAttribute("errors"));
    NodeList suites = doc.getElementsByTagName("testsuite");
    assertEquals(3, suites.getLength());
    assertEquals(3, doc.getElementsByTagName("testcase").getLength());
    Element bad = (Element) suites.item(1);
    assertEquals("dir/bad pod.json", bad.getAttribute("name"));
    assertEquals("1", bad.getAttribute("failures"));
  }

  @Test
  void listsErrorsInTheFailureAndTheRestInSystemOut() throws Exception {
    Document doc = parse(Reports.sample(false));

    NodeList failures = doc.getElementsByTagName("failure");
    assertEquals(2, failures.getLength());
    Element failure = (Element) failures.item(0);
    assertEquals("dir/bad pod.json is invalid: 1 error", failure.getAttribute("message"));
    assertTrue(failure.getTextContent().contains("error POD-013"));
    NodeList out = doc.getElementsByTagName("system-out");
    assertEquals(2, out.getLength());
    assertTrue(out.item(0).getTextContent().contains("warning IM-060"));
    assertTrue(out.item(1).getTextContent().contains("note LINT-001"));
  }

  @Test
  void warningsAsErrorsPutsWarningsInTheFailure() throws Exception {
    Document doc = parse(Reports.sample(true));

    Element failure = (Element) doc.getElementsByTagName("failure").item(0);
    assertEquals("dir/good.json is invalid: 0 errors, 1 warning", failure.getAttribute("message"));
    assertTrue(failure.getTextContent().contains("warning IM-060"));
  }

  @Test
  void reportsAnUnreadableInputAsAnError() throws Exception {
    Finding missing =
        new Finding(
            ValidationReport.INPUT_ERROR, Level.ERROR, "gone.json", "", 0, 0, "cannot read", "");
    Document doc =
        parse(
            new ValidationReport(
                List.of(new FileResult("gone.json", "unknown", List.of(missing))),
                "1",
                Compat.SPEC,
                false));

    assertEquals("1", doc.getDocumentElement().getAttribute("errors"));
    assertEquals("0", doc.getDocumentElement().getAttribute("failures"));
    assertEquals(1, doc.getElementsByTagName("error").getLength());
  }

  @Test
  void escapesMarkupAndCharactersXmlCannotHold() throws Exception {
    String nasty = "a<b>&\"c' \u0001\u0000 \ud800 tab\t \ud83d\ude00";
    String file = "x&<y>\u0001.json";
    Finding finding = new Finding("IM-001", Level.ERROR, file, "/k", 1, 2, nasty, "quote \"it\"");
    Document doc =
        parse(
            new ValidationReport(
                List.of(new FileResult(file, "unknown", List.of(finding))),
                "1",
                Compat.SPEC,
                false));

    Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
    assertEquals("x&<y>\ufffd.json", suite.getAttribute("name"));
    String text = doc.getElementsByTagName("failure").item(0).getTextContent();
    // The body holds the text report's finding lines, which already write control characters
    // as escapes; XML still has to replace the lone surrogate.
    assertTrue(text.contains("a<b>&\"c' \\u0001\\u0000 \ufffd tab\\t \ud83d\ude00"), text);
    assertTrue(text.contains("x&<y>\\u0001.json:1:2:"), text);
    assertTrue(text.contains("quote \"it\""), text);
  }
}
