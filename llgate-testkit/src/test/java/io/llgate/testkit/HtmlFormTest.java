package io.llgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Forms are read and posted as a browser reads and posts them. */
class HtmlFormTest {
    private static final URI PAGE = URI.create("http://shop.example.com/checkout/page");

    @Test
    void valuesAreUnescapedAndLineBreaksPostedAsCrLf() {
        String html = """
                <form id="pay" method="POST" action="../pay?x=1">
                <input type="hidden" name="goods" value="&quot;Pro&quot; &lt;2&gt; &amp; &#39;x&#39; &#x4E2D;">
                <input type='hidden' name='note' value='one&#10;two
                three'>
                <input type="text" name="plain" value=a+b>
                <input type="submit" name="go" value="Pay">
                <input type="checkbox" name="agree" value="yes">
                <input type="hidden" name="off" value="1" disabled>
                <input type="hidden" name="empty">
                </form>""";

        HtmlForm form = HtmlForm.in(html, PAGE, StandardCharsets.UTF_8).get(0);

        assertThat(form.id()).isEqualTo("pay");
        assertThat(form.method()).isEqualTo("post");
        assertThat(form.action()).hasToString("http://shop.example.com/pay?x=1");
        assertThat(form.fields()).containsExactly(
                Map.entry("goods", "\"Pro\" <2> & 'x' 中"), Map.entry("note", "one\ntwo\nthree"),
                Map.entry("plain", "a+b"), Map.entry("empty", ""));
        assertThat(new String(form.body(), StandardCharsets.US_ASCII)).isEqualTo(
                "goods=%22Pro%22+%3C2%3E+%26+%27x%27+%E4%B8%AD&note=one%0D%0Atwo%0D%0Athree&plain=a%2Bb&empty=");
    }

    @Test
    void aFormIsPostedInItsAcceptCharsetElseInThePagesAndGb2312MeansGbk() {
        String gbkPage = """
                <html><head><meta http-equiv="content-type" content="text/html;charset=GBK"></head><body>
                <form method="post" action="/a"><input type="hidden" name="g" value="中"></form>
                <form method="post" action="/b" accept-charset="x-unknown GB2312"><input type="hidden" name="g" value="中"></form>
                <form method="post" action="/c" accept-charset="UTF-8"><input type="hidden" name="g" value="中"></form>
                </body></html>""";

        List<HtmlForm> forms = HtmlForm.in(gbkPage, PAGE, HtmlForm.declaredIn(gbkPage));

        assertThat(forms).extracting(HtmlForm::charset).containsExactly(Charset.forName("GBK"),
                Charset.forName("GBK"), StandardCharsets.UTF_8);
        assertThat(new String(forms.get(0).body(), StandardCharsets.US_ASCII)).isEqualTo("g=%D6%D0");
        assertThat(new String(forms.get(2).body(), StandardCharsets.US_ASCII)).isEqualTo("g=%E4%B8%AD");
        assertThat(HtmlForm.declaredIn("<p>no meta</p>")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(HtmlForm.pageCharset("text/html; charset=gb18030")).isEqualTo(Charset.forName("GB18030"));
    }
}
