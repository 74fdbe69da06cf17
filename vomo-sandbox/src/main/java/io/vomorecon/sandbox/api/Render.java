package io.vomorecon.sandbox.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vomorecon.sandbox.Quirks;
import io.vomorecon.sandbox.world.Address;
import io.vomorecon.sandbox.world.Campaign;
import io.vomorecon.sandbox.world.Certificate;
import io.vomorecon.sandbox.world.CustomerWorld;
import io.vomorecon.sandbox.world.Form;
import io.vomorecon.sandbox.world.FormCompletion;
import io.vomorecon.sandbox.world.Group;
import io.vomorecon.sandbox.world.GroupMember;
import io.vomorecon.sandbox.world.Organization;
import io.vomorecon.sandbox.world.Participation;
import io.vomorecon.sandbox.world.Project;
import io.vomorecon.sandbox.world.ProjectDate;
import io.vomorecon.sandbox.world.User;
import io.vomorecon.schemas.IsoInstant;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes VOMO records as JSON in a fixed field order, with the configured quirks. The output is a
 * pure function of the record and the quirks: no clock, no hash-map order, fixed number format.
 */
public final class Render {

    static final String SCRUBBED_FIRST = "Deleted";
    static final String SCRUBBED_LAST = "User";
    private static final DateTimeFormatter ISO_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'", Locale.ROOT);
    private static final DateTimeFormatter MICROS_Z = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'.000000Z'", Locale.ROOT);
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final Quirks quirks;

    public Render(Quirks quirks) {
        this.quirks = quirks;
    }

    // ---- value shapes ----

    void id(JsonGenerator g, String field, long value, long recordId) throws IOException {
        if (value == 0) {
            g.writeNullField(field);
        } else if (quirks.idsAsStrings() && recordId % 5 == 0) {
            g.writeStringField(field, Long.toString(value));
        } else {
            g.writeNumberField(field, value);
        }
    }

    void ts(JsonGenerator g, String field, long epochSecond, long recordId) throws IOException {
        if (epochSecond == 0) {
            g.writeNullField(field);
            return;
        }
        g.writeStringField(field, timestamp(epochSecond, quirks.timestampShapes() ? (int) (recordId % 3) : 0));
    }

    /** One of VOMO's three timestamp shapes: 0 = offset, 1 = micros with Z, 2 = space separated without zone. */
    public static String timestamp(long epochSecond, int shape) {
        // without the formatters (about a sixth of the API's CPU; every record has two or more
        // timestamps); they still answer before 1970, where their year-of-era pattern is theirs alone
        // (RenderTimestampTest compares both on random and edge instants)
        String text = epochSecond < 0 ? null
                : IsoInstant.dateTime(epochSecond, shape == 2 ? ' ' : 'T', shape == 1 ? ".000000Z" : shape == 2 ? "" : "+00:00");
        return text != null ? text : formatted(epochSecond, shape);
    }

    /** The formatters' answer, which defines {@link #timestamp}; still used outside years 1970 to 9999. */
    private static String formatted(long epochSecond, int shape) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        return switch (shape) {
            case 1 -> MICROS_Z.format(t);
            case 2 -> SPACED.format(t);
            default -> ISO_OFFSET.format(t);
        };
    }

    void counter(JsonGenerator g, String field, long value) throws IOException {
        if (quirks.countersAsStrings()) {
            g.writeStringField(field, Long.toString(value));
        } else {
            g.writeNumberField(field, value);
        }
    }

    private static void str(JsonGenerator g, String field, String value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, value);
        }
    }

    private static void address(JsonGenerator g, Address a) throws IOException {
        if (a == null) {
            g.writeNullField("address");
            return;
        }
        g.writeObjectFieldStart("address");
        g.writeStringField("street", a.street());
        g.writeStringField("city", a.city());
        g.writeStringField("state", a.state());
        g.writeStringField("zip", a.zip());
        g.writeStringField("timezone", a.timezone());
        g.writeEndObject();
    }

    private static String orgSlug(CustomerWorld w, long orgId) {
        if (orgId == w.sister().id()) {
            return w.sister().slug();
        }
        return w.organization().slug();
    }

    // ---- resources ----

    public void user(JsonGenerator g, CustomerWorld w, User u, boolean detail) throws IOException {
        long rid = u.id();
        g.writeStartObject();
        id(g, "id", u.id(), rid);
        if (u.anonymized) {
            g.writeStringField("first_name", SCRUBBED_FIRST);
            g.writeStringField("last_name", SCRUBBED_LAST);
            g.writeStringField("full_name", SCRUBBED_FIRST + " " + SCRUBBED_LAST);
            g.writeStringField("email", "vomodeleteduser" + u.id() + "@vomo.org");
            g.writeStringField("phone", "555-555-5555");
            g.writeNullField("address");
            g.writeStringField("birthday", "1900-01-01");
        } else {
            g.writeStringField("first_name", u.firstName);
            g.writeStringField("last_name", u.lastName);
            g.writeStringField("full_name", u.fullName());
            g.writeStringField("email", u.email);
            str(g, "phone", u.phone);
            address(g, u.address);
            str(g, "birthday", u.birthday == null ? null : u.birthday.toString());
        }
        str(g, "gender", u.anonymized ? null : u.gender);
        g.writeStringField("user_status", u.userStatus);
        g.writeStringField("membership_status", u.membershipStatus);
        g.writeStringField("membership_role", u.membershipRole);
        id(g, "organization_id", u.organizationId, rid);
        g.writeStringField("organization_slug", orgSlug(w, u.organizationId));
        ts(g, "created_at", u.createdAt(), rid);
        ts(g, "updated_at", u.updatedAt(), rid);
        if (detail) {
            g.writeArrayFieldStart("participations");
            for (Participation p : w.participationsOf(u.id())) {
                participation(g, p);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("profile_field_values");
            if (!u.anonymized && u.skills != null) {
                g.writeStartObject();
                g.writeStringField("field", "skills");
                g.writeStringField("value", u.skills);
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    public void participation(JsonGenerator g, Participation p) throws IOException {
        long rid = p.id;
        g.writeStartObject();
        id(g, "id", p.id, rid);
        id(g, "user_id", p.userId, rid);
        id(g, "project_date_id", p.projectDateId, rid);
        id(g, "project_id", p.projectId, rid);
        ts(g, "signed_up_at", p.signedUpAt, rid);
        ts(g, "checked_in_at", p.checkedInAt, rid);
        ts(g, "checked_out_at", p.checkedOutAt, rid);
        BigDecimal hours = BigDecimal.valueOf(p.hoursCents, 2);
        if (quirks.hoursAsString()) {
            g.writeStringField("hours", hours.toPlainString());
        } else {
            g.writeNumberField("hours", hours);
        }
        if (quirks.verifiedAsInt()) {
            g.writeNumberField("verified", p.verified ? 1 : 0);
        } else {
            g.writeBooleanField("verified", p.verified);
        }
        g.writeStringField("role", p.role);
        g.writeNumberField("guests", p.guests);
        g.writeStringField("status", p.status);
        g.writeEndObject();
    }

    public void project(JsonGenerator g, CustomerWorld w, Project p, boolean detail, long now) throws IOException {
        long rid = p.id();
        g.writeStartObject();
        id(g, "id", p.id(), rid);
        g.writeStringField("name", p.name);
        g.writeStringField("description", p.description);
        id(g, "organization_id", p.organizationId, rid);
        g.writeStringField("organization_slug", orgSlug(w, p.organizationId));
        address(g, p.address);
        g.writeBooleanField("anytime", p.anytime);
        g.writeBooleanField("draft", p.draft);
        g.writeBooleanField("active", p.active);
        ts(g, "published_at", p.publishedAt, rid);
        ts(g, "created_at", p.createdAt(), rid);
        ts(g, "updated_at", p.updatedAt(), rid);
        if (detail) {
            ProjectDate next = null;
            g.writeArrayFieldStart("all_dates");
            for (ProjectDate d : p.dates) {
                if (d.isDeleted()) {
                    continue;
                }
                date(g, d, false);
                if (d.startsAt >= now && "scheduled".equals(d.status) && (next == null || d.startsAt < next.startsAt)) {
                    next = d;
                }
            }
            g.writeEndArray();
            if (next == null) {
                g.writeNullField("next_date");
            } else {
                g.writeFieldName("next_date");
                date(g, next, false);
            }
        }
        g.writeEndObject();
    }

    public void date(JsonGenerator g, ProjectDate d, boolean withParticipants) throws IOException {
        long rid = d.id;
        g.writeStartObject();
        id(g, "id", d.id, rid);
        id(g, "project_id", d.projectId, rid);
        ts(g, "starts_at", d.startsAt, rid);
        ts(g, "ends_at", d.endsAt, rid);
        g.writeStringField("status", d.status);
        ts(g, "updated_at", d.updatedAt, rid);
        if (withParticipants) {
            g.writeArrayFieldStart("participants");
            for (Participation p : d.participants) {
                participation(g, p);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    public void group(JsonGenerator g, CustomerWorld w, Group gr) throws IOException {
        long rid = gr.id();
        g.writeStartObject();
        id(g, "id", gr.id(), rid);
        g.writeStringField("name", gr.name);
        g.writeStringField("description", gr.description);
        id(g, "parent_id", gr.parentId, rid);
        g.writeBooleanField("has_subgroups", gr.hasSubgroups);
        id(g, "organization_id", w.organization().id(), rid);
        g.writeStringField("organization_slug", w.organization().slug());
        ts(g, "created_at", gr.createdAt(), rid);
        ts(g, "updated_at", gr.updatedAt(), rid);
        g.writeEndObject();
    }

    public void member(JsonGenerator g, GroupMember m) throws IOException {
        long rid = m.userId;
        g.writeStartObject();
        id(g, "user_id", m.userId, rid);
        id(g, "group_id", m.groupId, rid);
        g.writeStringField("status", m.status);
        ts(g, "joined_at", m.joinedAt, rid);
        ts(g, "updated_at", m.updatedAt, rid);
        g.writeEndObject();
    }

    public void campaign(JsonGenerator g, CustomerWorld w, Campaign c) throws IOException {
        long rid = c.id();
        g.writeStartObject();
        id(g, "id", c.id(), rid);
        g.writeStringField("campaign_name", c.name);
        g.writeStringField("description", c.description);
        g.writeStringField("url", c.url);
        g.writeStringField("organization", w.organization().name());
        g.writeStringField("organization_slug", w.organization().slug());
        id(g, "author_id", c.authorId, rid);
        ts(g, "created_at", c.createdAt(), rid);
        ts(g, "updated_at", c.updatedAt(), rid);
        g.writeEndObject();
    }

    public void organization(JsonGenerator g, Organization o) throws IOException {
        g.writeStartObject();
        id(g, "id", o.id(), o.id());
        g.writeStringField("name", o.name());
        g.writeStringField("slug", o.slug());
        g.writeStringField("type", o.type());
        g.writeNullField("deleted_at");
        id(g, "parent_id", o.parentId(), o.id());
        g.writeArrayFieldStart("child_ids");
        for (long c : o.childIds()) {
            g.writeNumber(c);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    public void form(JsonGenerator g, CustomerWorld w, Form f) throws IOException {
        long rid = f.id();
        g.writeStartObject();
        id(g, "id", f.id(), rid);
        g.writeStringField("name", f.name);
        g.writeArrayFieldStart("fields");
        for (Form.FormField field : f.fields) {
            g.writeStartObject();
            id(g, "id", field.id(), rid);
            g.writeStringField("label", field.label());
            g.writeStringField("type", field.type());
            g.writeArrayFieldStart("options");
            for (String o : field.options()) {
                g.writeString(o);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeBooleanField("active", f.active);
        id(g, "organization_id", w.organization().id(), rid);
        g.writeStringField("organization_slug", w.organization().slug());
        ts(g, "created_at", f.createdAt(), rid);
        ts(g, "updated_at", f.updatedAt(), rid);
        g.writeEndObject();
    }

    public void completion(JsonGenerator g, FormCompletion c) throws IOException {
        long rid = c.id;
        g.writeStartObject();
        id(g, "id", c.id, rid);
        id(g, "form_id", c.formId, rid);
        id(g, "user_id", c.userId, rid);
        id(g, "project_id", c.projectId, rid);
        id(g, "participation_id", c.participationId, rid);
        g.writeArrayFieldStart("field_responses");
        for (var e : c.responses.entrySet()) {
            g.writeStartObject();
            id(g, "field_id", e.getKey(), rid);
            g.writeStringField("value", e.getValue());
            g.writeEndObject();
        }
        g.writeEndArray();
        ts(g, "created_at", c.createdAt, rid);
        ts(g, "updated_at", c.updatedAt, rid);
        g.writeEndObject();
    }

    public void certificate(JsonGenerator g, CustomerWorld w, Certificate c) throws IOException {
        long rid = c.id();
        g.writeStartObject();
        id(g, "id", c.id(), rid);
        g.writeStringField("name", c.name);
        g.writeStringField("expiry_period", c.expiryPeriod);
        id(g, "organization_id", w.organization().id(), rid);
        g.writeStringField("organization_slug", w.organization().slug());
        ts(g, "created_at", c.createdAt(), rid);
        ts(g, "updated_at", c.updatedAt(), rid);
        g.writeEndObject();
    }
}
