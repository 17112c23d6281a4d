import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '@redress/auth';
import { ProblemDocument } from '@redress/http';
import { AnswerSurveyDto, SurveyAnswerView, SurveyQuestionView } from './surveys.dto';
import { SurveysService } from './surveys.service';

/** Open to anyone holding a survey link: the token in the path is the credential. */
@ApiTags('surveys')
@Public()
@ApiParam({ name: 'token', description: 'The token from the customer’s survey link', example: 'q3Yk0m3n9p2xZc6T1bVwR8sLdEuHfJiA4oG7yKtNlMe' })
@ApiNotFoundResponse({ type: ProblemDocument, description: 'No survey has this token' })
@ApiConflictResponse({ type: ProblemDocument, description: 'The survey has already been answered' })
@ApiGoneResponse({ type: ProblemDocument, description: 'The link has expired (SURVEY_TTL_DAYS after the complaint was closed)' })
@Controller('v1/surveys')
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Get(':token')
  @ApiOperation({ summary: 'The survey question, for the page the link opens', description: 'In the customer’s language, with the complaint reference.' })
  @ApiOkResponse({ type: SurveyQuestionView })
  question(@Param('token') token: string): Promise<SurveyQuestionView> {
    return this.surveys.question(token);
  }

  @Post(':token')
  @ApiOperation({ summary: 'Answer the survey (once)', description: 'A score from 1 to 5 and an optional comment; the score is noted on the complaint’s timeline.' })
  @ApiCreatedResponse({ type: SurveyAnswerView })
  @ApiBadRequestResponse({ type: ProblemDocument, description: 'score is not a whole number from 1 to 5, or comment is over 2000 characters' })
  answer(@Param('token') token: string, @Body() dto: AnswerSurveyDto): Promise<SurveyAnswerView> {
    return this.surveys.answer(token, dto);
  }
}
