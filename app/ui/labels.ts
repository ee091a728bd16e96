// Human words for the product's codes. The one place the UI names statuses, areas, countries…
import type { Area, Country, Health, MilestoneStatus, Priority, Role, Status } from "~/modules/proposals/vocabulary";

export const STATUS_LABEL: Record<Status, string> = {
  proposed: "Proposed",
  under_review: "Under review",
  agreed: "Agreed",
  in_progress: "In progress",
  completed: "Completed",
  on_hold: "On hold",
  dropped: "Dropped",
};

export const AREA_LABEL: Record<Area, string> = {
  institutional: "Institutional mechanisms",
  strategy: "Strategy and expert dialogue",
  finance: "Finance, investment and industry",
  digital: "Digital and innovation",
  transport: "Transport and logistics",
  energy: "Green energy",
  environment: "Environment and climate",
  disaster: "Disaster and seismic resilience",
  education: "Education, youth and human resources",
  justice: "Justice and law",
  security: "Regional security",
};

export const COUNTRY_LABEL: Record<Country, string> = {
  JP: "Japan",
  KZ: "Kazakhstan",
  KG: "Kyrgyzstan",
  TJ: "Tajikistan",
  TM: "Turkmenistan",
  UZ: "Uzbekistan",
};

export const HEALTH_LABEL: Record<Health, string> = { on_track: "On track", at_risk: "At risk", off_track: "Off track" };
export const PRIORITY_LABEL: Record<Priority, string> = { low: "Low", medium: "Medium", high: "High" };
export const MILESTONE_STATUS_LABEL: Record<MilestoneStatus, string> = {
  planned: "Planned",
  done: "Done",
  missed: "Missed",
  cancelled: "Cancelled",
};
export const ROLE_LABEL: Record<Role, string> = { viewer: "Viewer", analyst: "Analyst", manager: "Manager", admin: "Admin" };

export const FIELD_LABEL: Record<string, string> = {
  title: "Title",
  summary: "Summary",
  area: "Area",
  proposingParty: "Proposing party",
  countries: "Participating countries",
  sourceQuote: "Source quote",
  leadOrganisation: "Lead organisation",
  targetDate: "Target date",
  priority: "Priority",
  ownerId: "Owner",
  owner: "Owner",
  status: "Status",
  health: "Health",
  dueDate: "Due date",
  completedOn: "Completed on",
  note: "Note",
  position: "Order",
  reference: "Reference",
  milestones: "Milestones",
  email: "Email",
  role: "Role",
  active: "Active",
  name: "Name",
  request: "Request",
  body: "Update",
};

export function labelFor(map: Record<string, string>, code: string | null | undefined): string {
  return code ? (map[code] ?? code) : "—";
}
