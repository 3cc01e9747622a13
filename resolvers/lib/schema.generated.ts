// Generated from schema.graphql by scripts/bundle-schema-types.ts (run by `npm run build`). Do not edit.

export interface QueryTicketArgs {
  id: string;
}

export interface QueryMyTicketsArgs {
  limit?: number | null;
  nextToken?: string | null;
}

export interface QueryTicketsArgs {
  status?: TicketStatus | null;
  limit?: number | null;
  nextToken?: string | null;
}

export interface MutationOpenTicketArgs {
  input: OpenTicketInput;
}

export interface MutationAddCommentArgs {
  ticketId: string;
  body: string;
}

export interface MutationAssignTicketArgs {
  id: string;
  assignee: string;
}

export interface MutationSetTicketStatusArgs {
  id: string;
  status: TicketStatus;
}

export interface MutationSetInternalNotesArgs {
  id: string;
  notes: string;
}

export interface MutationDeleteTicketArgs {
  id: string;
}

export interface SubscriptionOnTicketChangedArgs {
  id: string;
}

export interface SubscriptionOnCommentAddedArgs {
  ticketId: string;
}

export interface Identity {
  sub: string;
  username: string;
  email: string | null;
  emailVerified: boolean;
  groups: Array<string>;
  tokenUse: TokenUse;
  kind: PrincipalKind;
  clientId: string;
  scopes: Array<string>;
}

export type TokenUse = 'ID' | 'ACCESS';

export type PrincipalKind = 'USER' | 'MACHINE';

export type TicketStatus = 'OPEN' | 'IN_PROGRESS' | 'RESOLVED' | 'CLOSED';

export interface OpenTicketInput {
  title: string;
  body: string;
}

export interface Ticket {
  id: string;
  title: string;
  body: string;
  status: TicketStatus;
  reporter: string;
  assignee: string | null;
  internalNotes: string | null;
  comments: Array<Comment>;
  createdAt: string;
  updatedAt: string;
}

export interface Comment {
  id: string;
  ticketId: string;
  author: string;
  body: string;
  createdAt: string;
}

export interface TicketConnection {
  items: Array<Ticket>;
  nextToken: string | null;
}
