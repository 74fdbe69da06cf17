package io.vomorecon.poller.vomo;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.AbstractList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The URLs of a list's pages 2 to {@code last_page}, as page 1 of a Laravel-paged list shows
 * them: its {@code links.next} is the list's URL with {@code page=2}, and page k is the same URL
 * with {@code page=k}. Planned only when that is unambiguous: exactly one {@code page} parameter,
 * equal to 2, at least three pages, and a {@code links.last} (when given) that is the plan's last
 * page. A plan is a guess about URLs, never about content: {@link VomoClient} takes a planned page
 * only when the page before it named that very URL as its next.
 */
final class PagesAhead {

    private static final String PAGE = "page=";

    private final String head;
    private final String tail;
    private final String scheme;
    private final String authority;
    private final String path;
    private final long lastPage;

    private PagesAhead(URI second, String head, String tail, long lastPage) {
        this.scheme = second.getScheme();
        this.authority = second.getRawAuthority();
        this.path = second.getRawPath();
        this.head = head;
        this.tail = tail;
        this.lastPage = lastPage;
    }

    /** The plan page 1 allows: its links.next, meta.last_page and links.last; empty when it allows none. */
    static Optional<PagesAhead> of(URI second, OptionalLong lastPage, Optional<URI> last) {
        if (lastPage.isEmpty() || lastPage.getAsLong() < 3 || lastPage.getAsLong() > Integer.MAX_VALUE
                || second.getRawQuery() == null || second.getRawFragment() != null) {
            return Optional.empty();
        }
        String query = second.getRawQuery();
        String[] params = query.split("&", -1);
        int at = -1;
        for (int i = 0; i < params.length; i++) {
            if (params[i].startsWith(PAGE) || params[i].equals("page")) {
                if (at >= 0 || !params[i].equals(PAGE + "2")) {
                    return Optional.empty();
                }
                at = i;
            }
        }
        if (at < 0) {
            return Optional.empty();
        }
        String head = String.join("&", List.of(params).subList(0, at));
        String tail = String.join("&", List.of(params).subList(at + 1, params.length));
        PagesAhead plan = new PagesAhead(second, head, tail, lastPage.getAsLong());
        if (!plan.url(2).equals(second) || last.isPresent() && !last.get().equals(plan.url((int) plan.lastPage))) {
            return Optional.empty();
        }
        return Optional.of(plan);
    }

    /** The page numbers 2 to last_page, computed on demand. */
    List<Integer> pages() {
        int n = (int) (lastPage - 1);
        return new AbstractList<>() {
            @Override
            public Integer get(int index) {
                return index + 2;
            }

            @Override
            public int size() {
                return n;
            }
        };
    }

    /** The URL of page {@code n}. */
    URI url(int n) {
        StringBuilder q = new StringBuilder(head);
        if (!head.isEmpty()) {
            q.append('&');
        }
        q.append(PAGE).append(n);
        if (!tail.isEmpty()) {
            q.append('&').append(tail);
        }
        try {
            return new URI(scheme + "://" + authority + path + "?" + q);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("a page URL built from a valid one is valid", e);
        }
    }
}
