import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { requireViewer } from '../auth/authorize.js';
import { Role } from '../auth/user.entity.js';
import { NotFoundError } from '../errors.js';
import type { Context } from '../graphql/context.js';
import { readCourseStats, RegistrationStats } from '../registrations/registration-stats.js';
import { Course } from './course.entity.js';
import { CourseVersion } from './course-version.entity.js';
import { deleteCourse } from './delete-course.js';

@ObjectType({ description: 'A launchable item of a course, in manifest order.' })
export class CourseItem {
  @Field({ description: 'The manifest item identifier: the scoId of commits.' }) id!: string;
  @Field() title!: string;
  @Field({ description: 'sco or asset' }) scormType!: string;
  @Field() visible!: boolean;
  @Field() launchPath!: string;
  @Field(() => Int, { nullable: true }) masteryScore!: number | null;
}

function courseStatsMemoKey(organizationId: string): string {
  return `course-stats:${organizationId}`;
}

/**
 * Drops the stats a context has read for its organization's courses: a subscription's context
 * lives as long as the subscription, and each event must read them afresh.
 */
export function forgetCourseStats(ctx: Context, organizationId: string): void {
  ctx.memo.delete(courseStatsMemoKey(organizationId));
}

@Resolver(() => Course)
export class CourseResolver {
  @Query(() => [Course], { description: "The caller's organization's courses, newest first." })
  async courses(@Ctx() ctx: Context): Promise<Course[]> {
    const viewer = requireViewer(ctx);
    return ctx.em.find(
      Course,
      { organization: viewer.organizationId },
      { orderBy: { createdAt: 'desc', id: 'desc' } },
    );
  }

  @Query(() => Course, { nullable: true })
  async course(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Course | null> {
    const viewer = requireViewer(ctx);
    return ctx.em.findOne(Course, { id, organization: viewer.organizationId });
  }

  @Mutation(() => Boolean, {
    description:
      'Deletes a course with its registrations and files; refused while the course has dispatches.',
  })
  async deleteCourse(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    const viewer = requireViewer(ctx, Role.ADMIN);
    const course = await ctx.em.findOne(Course, { id, organization: viewer.organizationId });
    if (!course) throw new NotFoundError('Course', id);
    await deleteCourse(ctx, course);
    return true;
  }

  @FieldResolver(() => [CourseVersion], { description: 'Every uploaded version, newest first.' })
  async versions(@Root() course: Course, @Ctx() ctx: Context): Promise<CourseVersion[]> {
    return ctx.em.find(CourseVersion, { course: course.id }, { orderBy: { version: 'desc' } });
  }

  @FieldResolver(() => [CourseItem])
  items(@Root() course: Course): CourseItem[] {
    return course.items.map((item) =>
      Object.assign(new CourseItem(), {
        id: item.identifier,
        title: item.title,
        scormType: item.scormType,
        visible: item.visible,
        launchPath: item.launchPath,
        masteryScore: item.masteryScore,
      }),
    );
  }

  @FieldResolver(() => RegistrationStats)
  async stats(@Root() course: Course, @Ctx() ctx: Context): Promise<RegistrationStats> {
    // Course lists ask for every course's stats: load them all in one query, once per request.
    const organizationId = course.organization.id;
    const key = courseStatsMemoKey(organizationId);
    let pending = ctx.memo.get(key) as Promise<Map<string, RegistrationStats>> | undefined;
    if (!pending) {
      const ids = ctx.em
        .getUnitOfWork()
        .getIdentityMap()
        .values()
        .filter((entity): entity is Course => entity instanceof Course)
        .map((c) => c.id);
      pending = readCourseStats(ctx.em, organizationId, ids);
      ctx.memo.set(key, pending);
    }
    const stats = (await pending).get(course.id);
    return stats ?? (await readCourseStats(ctx.em, organizationId, [course.id])).get(course.id)!;
  }
}
