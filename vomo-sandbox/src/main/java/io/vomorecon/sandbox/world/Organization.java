package io.vomorecon.sandbox.world;

import java.util.List;

/** An organisation: a customer's own, its sister ({@code <slug>-east}) or their common parent. */
public record Organization(long id, String name, String slug, String type, long parentId, List<Long> childIds) {
}
