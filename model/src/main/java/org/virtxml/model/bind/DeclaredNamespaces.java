package org.virtxml.model.bind;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Keeps, in DOM content that libxml2 will dump ({@code <metadata>}), exactly the namespace declarations the input
 * wrote on each element.
 *
 * <p>JAXB's DOM builder adds a declaration to every element whose namespace is not declared within the DOM,
 * which would move a declaration the input made on {@code <domain>} onto each child; libxml2 instead declares it
 * once on the dumped element. So the parse filter marks each such element with the prefixes the input declared
 * on it, and {@link #restore} removes the declarations JAXB added and the mark.
 *
 * <p>The DOM also sorts attributes by name, while libxml2 writes them in input order; the filter records that
 * order too, and {@link #restore} moves it to the element's user data ({@link #ORDER_KEY}, {@link #PREFIXES_KEY})
 * where the writer finds it without it showing as an attribute.
 */
public final class DeclaredNamespaces {
    /** The namespace of the marking attribute; never left in the model. */
    static final String MARK_NS = "urn:virtxml:declared-namespaces";
    /** The marking attribute's local name; its value lists the declared prefixes, {@code #default} for none. */
    static final String MARK = "prefixes";
    static final String DEFAULT = "#default";
    /** The marking attribute listing the element's attribute names in input order. */
    static final String ORDER = "order";
    /** User data key: {@code List<String>} of the element's attribute names in input order. */
    public static final String ORDER_KEY = "virtxml.attributeOrder";
    /** User data key: {@code List<String>} of the prefixes declared on the element, in input order. */
    public static final String PREFIXES_KEY = "virtxml.declaredPrefixes";

    private DeclaredNamespaces() {
    }

    /** Removes from these elements and their descendants the declarations the input did not write there. */
    public static void restore(List<Element> elements) {
        for (Element e : elements) {
            restore(e);
        }
    }

    private static void restore(Element e) {
        Attr order = e.getAttributeNodeNS(MARK_NS, ORDER);
        if (order != null) {
            e.removeAttributeNode(order);
            e.setUserData(ORDER_KEY, words(order.getValue()), null);
        }
        Attr mark = e.getAttributeNodeNS(MARK_NS, MARK);
        if (mark != null) {
            List<String> prefixes = words(mark.getValue());
            Set<String> declared = new HashSet<>(prefixes);
            e.removeAttributeNode(mark);
            e.setUserData(PREFIXES_KEY, prefixes, null);
            NamedNodeMap attrs = e.getAttributes();
            for (int i = attrs.getLength() - 1; i >= 0; i--) {
                Attr a = (Attr) attrs.item(i);
                if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
                    String prefix = a.getPrefix() == null ? DEFAULT : a.getLocalName();
                    if (!declared.contains(prefix)) {
                        e.removeAttributeNode(a);
                    }
                }
            }
        }
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                restore(child);
            }
        }
    }

    private static List<String> words(String s) {
        return s.isEmpty() ? List.of() : List.copyOf(Arrays.asList(s.split(" ")));
    }
}
