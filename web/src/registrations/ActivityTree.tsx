import { graphql } from '../gql';
import type { ActivityTreeNodeFragment, CompletionStatus, SuccessStatus } from '../gql/graphql';

graphql(`
  fragment ActivityTreeNode on SequencingActivity {
    id
    title
    itemId
    completion
    success
    measure
    completionAmount
    attemptCount
    attemptLimit
    suspended
    tracked
    objectives {
      id
      primary
      success
      measure
      globalIds
    }
  }
`);

graphql(`
  fragment ActivityTree on Registration {
    suspendedActivityId
    activityTreeList {
      ...ActivityTreeNode
      parentId
    }
  }
`);

type FlatNode = ActivityTreeNodeFragment & { parentId?: string | null };

/** An activity with its children, nested again from the flat list the page asks for. */
export interface TreeNode extends ActivityTreeNodeFragment {
  children: TreeNode[];
}

/** Nests the server's flat list (manifest order, each naming its parent) into the tree. */
export function nestActivities(list: FlatNode[]): TreeNode | null {
  const byId = new Map<string, TreeNode>();
  let root: TreeNode | null = null;
  for (const { parentId, ...activity } of list) {
    const node: TreeNode = { ...activity, children: [] };
    byId.set(node.id, node);
    const parent = parentId ? byId.get(parentId) : undefined;
    if (parent) parent.children.push(node);
    else root ??= node;
  }
  return root;
}

const COMPLETION: Record<CompletionStatus, string> = {
  COMPLETED: 'Completed',
  INCOMPLETE: 'Incomplete',
  NOT_ATTEMPTED: 'Not attempted',
  UNKNOWN: 'Not known',
};
const SUCCESS: Record<SuccessStatus, string> = {
  PASSED: 'Satisfied',
  FAILED: 'Not satisfied',
  UNKNOWN: '',
};

/** A normalized measure (-1 to 1) as the learner's percentage. */
const percent = (measure: number | null | undefined) =>
  measure === null || measure === undefined ? '—' : `${Math.round(measure * 100)}%`;

function attempts(node: TreeNode): string {
  const made = `${node.attemptCount} attempt${node.attemptCount === 1 ? '' : 's'}`;
  return node.attemptLimit === null || node.attemptLimit === undefined
    ? made
    : `${made} of ${node.attemptLimit} allowed`;
}

/**
 * SCORM 2004 sequencing as the server's rollup sees this learner: the course's activity tree,
 * clusters with their rolled-up state over their children, each activity's status, attempts
 * (against its limit), measure and objectives.
 */
export function ActivityTree({
  activities,
  suspendedActivityId,
}: {
  activities: FlatNode[];
  suspendedActivityId: string | null;
}) {
  const root = nestActivities(activities);
  if (!root) return null;
  return (
    <section className="activity-tree" data-testid="activity-tree" aria-labelledby="tree-heading">
      <h3 id="tree-heading">Sequencing</h3>
      <p>
        The course’s activities as its sequencing rules judge them; the course’s status is the top
        row’s.
        {suspendedActivityId && (
          <>
            {' '}
            Suspended at <code data-testid="suspended-activity">{suspendedActivityId}</code>: the
            next launch resumes there.
          </>
        )}
      </p>
      <ul className="tree">
        <ActivityNode node={root} />
      </ul>
    </section>
  );
}

function ActivityNode({ node }: { node: TreeNode }) {
  const children = node.children;
  const status = [COMPLETION[node.completion], SUCCESS[node.success]].filter(Boolean).join(' · ');
  return (
    <li data-testid={`tree-${node.id}`}>
      <div className={node.itemId ? 'tree-item' : 'tree-cluster'}>
        <strong>{node.title}</strong> <small>{node.id}</small>
        <span data-testid="tree-status"> {status}</span>
        {node.suspended && <span className="badge"> suspended</span>}
        {!node.tracked && <span className="badge"> not tracked</span>}
        <span data-testid="tree-attempts"> · {attempts(node)}</span>
        {node.measure !== null && (
          <span data-testid="tree-measure"> · measure {percent(node.measure)}</span>
        )}
        {node.completionAmount !== null && node.completionAmount !== undefined && (
          <span> · {percent(node.completionAmount)} complete</span>
        )}
      </div>
      {node.objectives.length > 0 && (
        <table className="tree-objectives" data-testid={`objectives-${node.id}`}>
          <thead>
            <tr>
              <th>Objective</th>
              <th>Status</th>
              <th>Measure</th>
              <th>Shared as</th>
            </tr>
          </thead>
          <tbody>
            {node.objectives.map((o) => (
              <tr key={`${o.primary ? 'primary' : 'other'}:${o.id}`}>
                <td>
                  {o.id || '(unnamed)'}
                  {o.primary ? ' (primary)' : ''}
                </td>
                <td>{SUCCESS[o.success] || 'Not known'}</td>
                <td>{percent(o.measure)}</td>
                <td>{o.globalIds.join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {children.length > 0 && (
        <ul>
          {children.map((child) => (
            <ActivityNode key={child.id} node={child} />
          ))}
        </ul>
      )}
    </li>
  );
}
