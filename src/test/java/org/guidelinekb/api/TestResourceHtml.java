package org.guidelinekb.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The resource page shows data as text and links our own IRIs to this server. */
class TestResourceHtml {
    @Test void data_is_escaped_never_markup() {
        assertEquals("&lt;script&gt;x&lt;/script&gt; &amp; &quot;q&quot; &#39;", ResourceHtml.esc("<script>x</script> & \"q\" '"));
    }

    @Test void links_stay_on_this_server_for_our_namespace() {
        assertEquals("/id/study/badwe-2015", ResourceHtml.href("https://w3id.org/gkb/id/study/badwe-2015"));
        assertEquals("/code/action/mastectomy", ResourceHtml.href("https://w3id.org/gkb/code/action/mastectomy"));
        assertEquals("/api/resource?iri=https%3A%2F%2Fw3id.org%2Fgkb%2Fontology%23Statement",
                ResourceHtml.href("https://w3id.org/gkb/ontology#Statement"));
        assertEquals("http://www.w3.org/ns/prov#Activity", ResourceHtml.href("http://www.w3.org/ns/prov#Activity"));
        assertEquals("gkb:Statement", ResourceHtml.compact("https://w3id.org/gkb/ontology#Statement"));
    }
}
