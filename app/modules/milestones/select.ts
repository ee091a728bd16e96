// What a milestone reads as, wherever it is read (the proposal page, the milestone service).
export const MILESTONE_SELECT = {
  id: true,
  title: true,
  dueDate: true,
  status: true,
  completedOn: true,
  note: true,
  position: true,
  version: true,
  assigneeId: true,
  evidenceRequired: true,
  _count: { select: { evidence: true } },
  assignee: { select: { name: true } },
} as const;
